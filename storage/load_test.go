package storage

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model/synth"
)

var update = flag.Bool("update", false, "rewrite the .want files of the bad-file corpus")

// problemLine is the shape of every line a load error prints.
var problemLine = regexp.MustCompile(`^[^:]+\.json:\d+:\d+: (/[^:]*: )?\S.*$`)

func TestBadFilesGiveOnePreciseLinePerProblem(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/bad/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("the corpus has %d bad files; keep at least 15", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			o, err := Decode(filepath.Base(f), data)
			if err == nil {
				t.Fatalf("loaded %d units from a bad file", o.UnitCount())
			}
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error is %T, not a LoadError: %v", err, err)
			}
			got := err.Error() + "\n"
			for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if !problemLine.MatchString(line) {
					t.Errorf("line does not say file:line:column: path: message: %q", line)
				}
			}
			want := strings.TrimSuffix(f, ".json") + ".want"
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run go test ./storage -update to create it)", err)
			}
			if got != string(w) {
				t.Errorf("error lines differ\n got:\n%s\nwant:\n%s", got, w)
			}
		})
	}
}

func TestEveryStructuralProblemIsReportedAtOnce(t *testing.T) {
	t.Parallel()
	data, _ := os.ReadFile("testdata/bad/unknown-fields.json")
	_, err := Decode("unknown-fields.json", data)
	var le *LoadError
	if !errors.As(err, &le) || len(le.Problems) != 3 {
		t.Fatalf("want the 3 unknown fields reported together, got %v", err)
	}
	// The position is the field's own name, so an editor can jump to it.
	if p := le.Problems[0]; p.Line != 4 || p.Col != 3 || p.Pointer != "/colour" {
		t.Errorf("first problem at %d:%d %s, want 4:3 /colour", p.Line, p.Col, p.Pointer)
	}
}

func TestHugeStringIsRefused(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("x", 50<<20)
	data := []byte(`{"format":"orgplan/1","name":"ok","units":[{"id":"u1","name":"` + huge + `"}]}`)
	_, err := Decode("huge.json", data)
	if err == nil || !strings.Contains(err.Error(), "/units/0/name: text of 52428800 bytes is longer than the limit") {
		t.Fatalf("got %v", err)
	}
	if len(err.Error()) > 300 {
		t.Fatalf("the error quotes the huge value back: %d bytes", len(err.Error()))
	}
}

// TestALongValueIsRepeatedShortly: a problem that repeats a value the
// file holds stays one short line, whether the value is within the limit
// of text or past it, anywhere in a file.
func TestALongValueIsRepeatedShortly(t *testing.T) {
	t.Parallel()
	ex := mustExample(t)
	for _, n := range []int{5000, MaxText, longText} {
		data := bytes.Replace(ex, []byte(`"secrecy": "`), []byte(`"secrecy": "`+strings.Repeat("é", n/2)), 1)
		_, err := Decode("long.json", data)
		if err == nil {
			t.Fatalf("%d: accepted", n)
		}
		if line := strings.SplitN(err.Error(), "\n", 2)[0]; len(line) > 200 || !strings.Contains(line, "/kinds/0/secrecy") {
			t.Errorf("%d: %d bytes: %.300s", n, len(line), line)
		}
	}
}

// TestShapePassStopsAtTheDecodersDepth: a file of twenty million '[' is
// refused by the decoder at its depth; the shape pass beside it stops
// there too (it kept a frame for each: 17 GB and a minute for 100 MB).
func TestShapePassStopsAtTheDecodersDepth(t *testing.T) {
	t.Parallel()
	var s shapeScan
	s.scan(bytes.Repeat([]byte("["), 20_000_000), true)
	if len(s.stack) > maxDepth || !s.stopped {
		t.Fatalf("%d frames held", len(s.stack))
	}
	_, err := Decode("deep.json", bytes.Repeat([]byte("["), 20_000_000))
	if err == nil || !strings.Contains(err.Error(), "deep.json:1:10001:") {
		t.Fatalf("got %.200v", err)
	}
}

func TestDeepNestingIsRefused(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	b.WriteString(`{"format":"orgplan/1","name":"deep","units":`)
	const depth = 10000
	for i := 0; i < depth; i++ {
		b.WriteString(`[{"id":"u` + string(rune('a'+i%26)) + `","name":"n","units":`)
	}
	b.WriteString(`[]`)
	for i := 0; i < depth; i++ {
		b.WriteString(`}]`)
	}
	b.WriteString(`}`)
	_, err := Decode("deep.json", b.Bytes())
	if err == nil {
		t.Fatal("a 10,000-deep nesting loaded")
	}
	if !problemLine.MatchString(strings.Split(err.Error(), "\n")[0]) {
		t.Fatalf("unclear error: %.200s", err)
	}
}

func TestExamplesAreCanonical(t *testing.T) {
	t.Parallel()
	for _, name := range examples.Names() {
		data, _ := examples.Get(name)
		o, err := Decode(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := Encode(o)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s: load then save changed the bytes", name)
		}
	}
}

func TestExamplesMatchTheSchema(t *testing.T) {
	t.Parallel()
	for _, name := range examples.Names() {
		data, _ := examples.Get(name)
		probs, err := ValidateSchema(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range probs {
			t.Errorf("%s: %v", name, p)
		}
	}
	// The schema is not an empty promise: it catches what the loader does.
	bad, _ := os.ReadFile("testdata/bad/wrong-types.json")
	probs, err := ValidateSchema(bad)
	if err != nil || len(probs) != 4 {
		t.Fatalf("schema found %d problems in wrong-types.json (%v), want 4", len(probs), err)
	}
}

func TestPositionCountsCharacters(t *testing.T) {
	t.Parallel()
	data := []byte("{\n  \"name\": \"Ярослав\", \"x\": 1\n}")
	off := int64(bytes.Index(data, []byte(`"x"`)))
	line, col := position(data, off)
	if line != 2 || col != 22 {
		t.Fatalf("got %d:%d, want 2:22", line, col)
	}
}

// A load with a Progress goes through its stages in order, counting all
// the bytes read and decoded and every unit built, and gives the plan a
// load without one gives.
func TestLoadProgressCountsEveryStage(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "p.json")
	o := synth.Generate(synth.Options{Units: 3000, Seed: 3})
	if err := Save(path, o); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	var pr Progress
	if _, err := readInput(path, nil, &pr); err != nil {
		t.Fatal(err)
	}
	if s, done, total := pr.Now(); s != StageRead || done != fi.Size() || total != fi.Size() {
		t.Fatalf("read: %s %d of %d, want %d", s, done, total, fi.Size())
	}
	pr = Progress{}
	stop := make(chan struct{})
	watched := make(chan []Stage)
	go func() {
		var order []Stage
		for {
			s, done, total := pr.Now()
			if len(order) == 0 || order[len(order)-1] != s {
				order = append(order, s)
			}
			if done > total && s != StageIndex {
				t.Errorf("%s: %d of %d", s, done, total)
			}
			select {
			case <-stop:
				watched <- order
				return
			default:
			}
		}
	}()
	got, err := LoadProgress(path, nil, &pr)
	close(stop)
	order := <-watched
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(order); i++ {
		if order[i] < order[i-1] {
			t.Errorf("stages out of order: %v", order)
		}
	}
	s, _, total := pr.Now()
	if s != StageIndex || total != int64(o.UnitCount()) {
		t.Errorf("ended at %s with %d units, want indexing %d", s, total, o.UnitCount())
	}
	want, _ := Load(path)
	var a, b bytes.Buffer
	_ = Write(&a, got)
	_ = Write(&b, want)
	if a.String() != b.String() {
		t.Error("the plan loaded with progress differs")
	}
}

// TestSaveProgressCountsTheBytesWritten: a save recorded in a Progress
// ends at the writing stage having counted every byte of the file.
func TestSaveProgressCountsTheBytesWritten(t *testing.T) {
	t.Parallel()
	data, _ := examples.Get("st-petersburg-1902")
	o, err := Decode("x", data)
	if err != nil {
		t.Fatal(err)
	}
	var pr Progress
	d := SnapshotProgress(o, &pr)
	if s, _, _ := pr.Now(); s != StageSnapshot {
		t.Fatalf("stage %v after the snapshot", s)
	}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := SaveProgress(path, d, nil, &pr, int64(len(data))); err != nil {
		t.Fatal(err)
	}
	s, done, total := pr.Now()
	fi, _ := os.Stat(path)
	if s != StageWrite || done != fi.Size() || total != int64(len(data)) {
		t.Fatalf("%v %d of %d; the file has %d bytes", s, done, total, fi.Size())
	}
	if got := pr.Counts(); !strings.Contains(got, "of about") {
		t.Fatalf("counts %q", got)
	}
}
