package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/orgplan/orgplan/examples"
)

// streamInputs are files nobody here wrote (JSONTestSuite, the fuzzer's
// finds), the bundled examples, the plans of testdata/bad, every schema
// edit of the 1902 example, and strings past the limit where the checks
// of the built plan do not look.
func streamInputs(t *testing.T) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	for _, pattern := range []string{"testdata/JSONTestSuite/test_parsing/*.json", "testdata/bad/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			in[f] = data
		}
	}
	fuzz, _ := filepath.Glob("testdata/fuzz/FuzzDecode/*")
	for _, f := range fuzz {
		data, _ := os.ReadFile(f)
		_, lit, _ := strings.Cut(string(data), "[]byte(")
		if s, err := strconv.Unquote(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(lit), ")"))); err == nil {
			in[f] = []byte(s)
		}
	}
	for _, name := range examples.Names() {
		in[name], _ = examples.Get(name)
	}
	for _, e := range schemaEdits(t) {
		in[e.what] = e.doc
	}
	ex, _ := examples.Get(examples.Default)
	long := strings.Repeat("x", longText)
	for _, field := range []string{`"secrecy": "`, `"kind": "`, `"holder": "`, `"id": "`} {
		in["long "+field] = bytes.Replace(ex, []byte(field), []byte(field+long), 1)
	}
	if len(in) < 500 {
		t.Fatalf("only %d inputs", len(in))
	}
	return in
}

// TestStreamedLoadAgreesWithTheWhole: a plan decoded as it is read is
// taken only when the whole text would be, and is then the same plan,
// saved to the same bytes; every bundled example is taken that way.
func TestStreamedLoadAgreesWithTheWhole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	taken := 0
	for what, data := range streamInputs(t) {
		path := filepath.Join(dir, "plan.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		streamed, ok := loadStream(path, nil, 1)
		whole, err := Decode(path, data)
		if !ok {
			if _, isExample := examples.Get(what); isExample {
				t.Errorf("%s: not taken as it is read", what)
			}
			continue
		}
		taken++
		if err != nil {
			t.Errorf("%s: taken as it is read, refused whole: %v", what, err)
			continue
		}
		a, _ := Encode(streamed)
		b, _ := Encode(whole)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two plans from one file", what)
		}
	}
	if taken < 3 {
		t.Errorf("only %d files taken as they are read", taken)
	}
}

// TestShapePassInPieces: the shape pass finds a fault, whatever the cuts
// between the pieces it reads, exactly when it finds one in the whole
// text; a piece smaller than a token grows to hold it.
func TestShapePassInPieces(t *testing.T) {
	t.Parallel()
	for what, data := range streamInputs(t) {
		if longString(data) >= 0 {
			continue // refused before the shape pass, when whole
		}
		want := len(shapeProblems(data)) == 0
		if got := shapeClean(iotest.OneByteReader(bytes.NewReader(data)), 4<<20); got != want {
			t.Errorf("%s: read a byte at a time, clean %v, whole %v", what, got, want)
		}
		if got := shapeClean(bytes.NewReader(data), 3); got != want {
			t.Errorf("%s: in pieces of 3 bytes, clean %v, whole %v", what, got, want)
		}
	}
	long := []byte(`{"format":"orgplan/1","name":"` + strings.Repeat("y", longText) + `"}`)
	if shapeClean(bytes.NewReader(long), 16) {
		t.Error("a string past the limit passed")
	}
}

// TestAFaultStopsTheStreamedDecode: a file that is one huge string is
// given up as soon as the shape pass finds the string too long, not
// after the decoder has buffered it whole; the whole-text path then
// refuses it, located.
func TestAFaultStopsTheStreamedDecode(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "huge.json")
	huge := strings.Repeat("x", 80<<20)
	if err := os.WriteFile(path, []byte(`{"format":"orgplan/1","name":"`+huge+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var pr Progress
	if _, ok := loadStream(path, &pr, 1); ok {
		t.Fatal("taken")
	}
	if _, done, total := pr.Now(); done > total/2 {
		t.Errorf("the decoder read %d of %d bytes before it stopped", done, total)
	}
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "huge.json:1:30: /name: text of 83886080 bytes is longer than the limit") {
		t.Errorf("got %.200v", err)
	}
}
