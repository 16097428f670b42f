package storage

import (
	"path/filepath"
	"testing"

	"github.com/orgplan/orgplan/examples"
)

func BenchmarkLoadExample(b *testing.B) {
	data, _ := examples.Get(examples.Default)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode("x", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSaveExample(b *testing.B) {
	data, _ := examples.Get(examples.Default)
	o, err := Decode("x", data)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "plan.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := Save(path, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeExample(b *testing.B) {
	data, _ := examples.Get(examples.Default)
	o, _ := Decode("x", data)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Encode(o); err != nil {
			b.Fatal(err)
		}
	}
}
