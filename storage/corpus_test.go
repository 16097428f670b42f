package storage

import (
	"bytes"
	stdjson "encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/orgplan/orgplan/examples"
)

// located is one problem line: file:line:column: message.
var located = regexp.MustCompile(`^[^:]+:\d+:\d+: \S`)

// TestJSONTestSuite loads every y_ (valid JSON, not a plan) and n_ (not
// JSON) file of JSONTestSuite, vendored in testdata with its license: each
// is refused with located lines, quickly, without a panic. A syntax error
// is named as one, never as a wrong type or an unknown field.
func TestJSONTestSuite(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/JSONTestSuite/test_parsing/*.json")
	if len(files) < 270 {
		t.Fatalf("found %d files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(f)
		start := time.Now()
		_, err = Decode(base, data)
		if d := time.Since(start); d > slowdown*time.Second {
			t.Errorf("%s: took %v", base, d)
		}
		if err == nil {
			t.Errorf("%s: accepted as a plan", base)
			continue
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !located.MatchString(line) {
				t.Errorf("%s: not a located line: %q", base, line)
			}
		}
		if strings.HasPrefix(base, "n_") && jsontext.Value(data).IsValid() == false {
			if msg := err.Error()[len(base):]; strings.Contains(msg, "wrong type") || strings.Contains(msg, "unknown field") || strings.Contains(msg, "missing") {
				t.Errorf("%s: a syntax error reported as %q", base, msg)
			}
		}
	}
}

// TestLoaderAgreesWithTheSchema removes each required member and sets
// each member to null, everywhere in the 1902 example, and checks that
// the loader refuses exactly when the schema does.
func TestLoaderAgreesWithTheSchema(t *testing.T) {
	t.Parallel()
	edits := schemaEdits(t)
	refusedBoth := 0
	for _, e := range edits {
		sp, err := ValidateSchema(e.doc)
		if err != nil {
			t.Fatal(err)
		}
		_, lerr := Decode("x.json", e.doc)
		if (len(sp) > 0) && lerr == nil {
			t.Errorf("%s: the schema refuses (%v), the loader accepts", e.what, sp[0])
		}
		if len(sp) > 0 && lerr != nil {
			refusedBoth++
		}
	}
	if refusedBoth < 40 {
		t.Errorf("only %d of %d edits refused by both", refusedBoth, len(edits))
	}
	// And the loader says what is wrong, where.
	_, err := Decode("x.json", []byte(`{"format": "orgplan/1", "name": "x", "units": [{"id": "u1", "purpose": null}]}`))
	if err == nil || !strings.Contains(err.Error(), `x.json:1:48: /units/0: missing "name", which is required`) ||
		!strings.Contains(err.Error(), `/units/0/purpose: null is not allowed here`) {
		t.Errorf("got %v", err)
	}
}

// schemaEdit is the 1902 example with one required member removed or one
// member set to null.
type schemaEdit struct {
	what string
	doc  []byte
}

func schemaEdits(t *testing.T) []schemaEdit {
	t.Helper()
	data, _ := examples.Get(examples.Default)
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var edits []schemaEdit
	// One object of each kind is enough: every object of a kind is read
	// the same way.
	targets := map[string]map[string]any{"doc": doc}
	first := func(key string, in map[string]any) map[string]any {
		return in[key].([]any)[0].(map[string]any)
	}
	targets["function"] = first("functions", doc)
	targets["kind"] = first("kinds", doc)
	targets["member"] = first("members", doc)
	targets["unit"] = first("units", doc)
	targets["post"] = first("posts", targets["unit"])
	for _, u := range doc["units"].([]any) {
		if subs, ok := u.(map[string]any)["units"].([]any); ok {
			targets["subunit"] = subs[0].(map[string]any)
			break
		}
	}
	for name, obj := range targets {
		for key, val := range obj {
			delete(obj, key)
			b, _ := json.Marshal(doc)
			edits = append(edits, schemaEdit{name + " without " + key, b})
			obj[key] = nil
			b, _ = json.Marshal(doc)
			edits = append(edits, schemaEdit{name + " with " + key + " null", b})
			obj[key] = val
		}
	}
	return edits
}

func TestLongStringsAreFoundBeforeDecoding(t *testing.T) {
	t.Parallel()
	long := strings.Repeat(`x\"`, 300_001) // 900,003 bytes of text, 600,002 decoded
	for _, doc := range []string{
		"{\n  \"format\": \"orgplan/1\",\n  \"name\": \"" + long + "\"\n}\n",
		`{"format":"orgplan/1","notes":"short","name":"` + long + `"}`,
		"{\n\"a\": \"b\",\n\"name\": \"" + long, // never closed
		// Past the limit by a byte, in a file too short for a second window.
		"{\n\"a\": \"b\",\n\"secrecy\": \"x" + strings.Repeat("y", longText-1) + "\"\n}\n",
	} {
		off := longString([]byte(doc))
		if off < 0 || doc[off] != '"' || !strings.HasPrefix(doc[off+1:], "x") {
			t.Errorf("offset %d in %.40q", off, doc)
		}
	}
	short := "{\n\"name\": \"" + strings.Repeat("y", 6*MaxText) + "\"\n}" // long, but maybe not too long: the typed check decides
	if off := longString([]byte(short)); off >= 0 {
		t.Errorf("a string of 6×MaxText was taken as too long")
	}
	p := longStringProblem([]byte(`{"format":"orgplan/1","name":"`+long+`"}`), 29)
	if p.Path != "/name" || !strings.Contains(p.Msg, "text of 600002 bytes") {
		t.Errorf("%+v", p)
	}
}

// TestReadyLaterRoundTrips: a plan naming candidates ready later opens,
// passes the schema and saves to the same bytes; files without the field
// are untouched (TestExamplesAreCanonical).
func TestReadyLaterRoundTrips(t *testing.T) {
	t.Parallel()
	o, err := Decode("x.json", mustExample(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, post := range o.Units[0].Posts {
		if len(post.Candidates) > 0 {
			post.ReadyLater = []string{post.Candidates[0]}
			break
		}
	}
	data, err := Encode(o)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"readyLater": [`) {
		t.Fatal("readyLater not written")
	}
	if sp, err := ValidateSchema(data); err != nil || len(sp) > 0 {
		t.Fatalf("schema: %v %v", sp, err)
	}
	back, err := Decode("x.json", data)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Encode(back)
	if string(again) != string(data) {
		t.Fatal("a plan with readyLater does not save to the same bytes")
	}
}

func mustExample(t *testing.T) []byte {
	t.Helper()
	data, _ := examples.Get(examples.Default)
	return data
}

// The shape pass skips indentation in long strides and strings in one
// search each: its findings must not depend on the layout, on escapes
// in names and values, or on a string that ends where the file does.
func TestShapeProblemsIgnoreTheLayout(t *testing.T) {
	t.Parallel()
	doc := `{"format":"orgplan/1","name":"a \"quoted\" \\ name\\","notes":null,` +
		`"members":[{"id":"m1","name":"x\\\\\"y"},{"name":null},{"id":"m\"3"}],` +
		`"units":[{"id":"u1","name":"\\","units":[{"id":"u2","posts":[{"id":"p1","title":null}]}]},` +
		`{"id":"u\\\"3","name":"        ","pur\"pose":null}]}`
	compact := []byte(doc)
	want := fmt.Sprint(shapeProblems(compact))
	if len(shapeProblems(compact)) < 9 {
		t.Fatalf("the document should have nine problems, has %s", want)
	}
	for _, indent := range []string{"  ", "         ", strings.Repeat(" ", 17), "\t", " \t "} {
		var b bytes.Buffer
		if err := stdjson.Indent(&b, compact, "", indent); err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(shapeProblems(b.Bytes())); got != want {
			t.Errorf("indented by %q:\n got %s\nwant %s", indent, got, want)
		}
	}
	// Cut anywhere, even inside a string or a run of spaces: never a panic.
	spaced := bytes.ReplaceAll(compact, []byte(","), []byte(",\n                   "))
	for i := range spaced {
		shapeProblems(spaced[:i])
	}
}
