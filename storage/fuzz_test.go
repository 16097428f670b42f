package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode: no input makes the loader panic or hang, and whatever loads
// saves and loads again to the same bytes.
func FuzzDecode(f *testing.F) {
	// Small seeds keep the fuzzer fast; the examples are loaded by other
	// tests.
	f.Add([]byte(`{"format":"orgplan/1","name":"x","functions":[{"id":"s","name":"S"}],"kinds":[{"id":"k","name":"K","maxPosts":1,"requiredFunctions":["s"]}],"members":[{"id":"m1","alias":"A"},{"id":"m2","alias":"B","status":"arrested"}],"units":[{"id":"u1","name":"C","kind":"k","reportsTo":["u2"],"posts":[{"id":"p1","title":"T","function":"s","holder":"m1","candidates":["m2"]}],"units":[{"id":"u3","name":"D"}]},{"id":"u2","name":"E","lastReport":"1902-01-01"}]}`))
	bad, _ := filepath.Glob("testdata/bad/*.json")
	for _, p := range bad {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := Decode("fuzz.json", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n\n") {
				t.Fatalf("an empty error line: %q", err)
			}
			return
		}
		out, err := Encode(o)
		if err != nil {
			t.Fatal(err)
		}
		o2, err := Decode("again.json", out)
		if err != nil {
			t.Fatalf("a saved plan does not load: %v", err)
		}
		out2, _ := Encode(o2)
		if string(out) != string(out2) {
			t.Fatal("save is not stable")
		}
	})
}

// FuzzImportCSV: no CSV makes the importer panic, and what it accepts is a
// valid plan.
func FuzzImportCSV(f *testing.F) {
	f.Add("id,parentId,name\n1,,A\n2,1,B\n")
	f.Add("ID,Parent,Name,Title,Department\n1,,Ana,Chair,X\n2,1,Ben,,\n")
	f.Add("id,parentId,name,unitPath,postId,post,function,holder,candidates\nu1,,C,C,p1,Sec,Secretary,Ann,Bo; Cy\n")
	f.Add("id,parentId\n1,2\n2,1\n")
	f.Fuzz(func(t *testing.T, csv string) {
		for _, people := range []bool{false, true} {
			o, err := ImportCSV("fuzz.csv", strings.NewReader(csv), ImportOptions{People: people})
			if err != nil {
				continue
			}
			if p := o.Validate(); len(p) > 0 {
				t.Fatalf("imported an invalid plan: %v", p[0])
			}
			if _, err := Encode(o); err != nil {
				t.Fatal(err)
			}
		}
	})
}
