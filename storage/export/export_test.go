package export

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func example(t *testing.T) *model.Org {
	t.Helper()
	b, _ := examples.Get("st-petersburg-1902")
	o, err := storage.Decode("st-petersburg-1902.json", b)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func render(t *testing.T, o *model.Org, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, o, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGoldenFormats(t *testing.T) {
	t.Parallel()
	o := example(t)
	cases := map[string]Options{
		"1902.dot": {Format: "dot"}, "1902.mmd": {Format: "mermaid"}, "1902.md": {Format: "markdown"},
		"1902.csv": {Format: "csv"}, "1902.members.csv": {Format: "csv", Members: true},
		"1902.redacted.json": {Format: "json", Redact: true},
	}
	for file, opt := range cases {
		got := render(t, o, opt)
		path := "testdata/" + file
		if *update {
			os.WriteFile(path, []byte(got), 0o644)
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./storage/export -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from its golden file", file)
		}
	}
}

func TestRedactedExportsHoldNoRealName(t *testing.T) {
	t.Parallel()
	o := example(t)
	var names []string
	for _, m := range o.Members {
		if m.Name != "" {
			names = append(names, m.Name)
		}
	}
	if len(names) < 40 {
		t.Fatalf("only %d real names in the example", len(names))
	}
	notes := []string{"Carries four functions", "Vacant since the August arrests", "Report overdue"}
	for _, f := range Formats {
		for _, members := range []bool{false, true} {
			plain := render(t, o, Options{Format: f, Members: members})
			red := render(t, o, Options{Format: f, Members: members, Redact: true})
			for _, n := range append(names, notes...) {
				if strings.Contains(red, n) {
					t.Errorf("%s (members %v) redacted still holds %q", f, members, n)
				}
			}
			if strings.Contains(red, "Yeryoma") != strings.Contains(plain, "Yeryoma") {
				t.Errorf("%s: redaction dropped an alias", f)
			}
		}
	}
	// The plan itself keeps its names.
	if o.Member("m1").Name == "" {
		t.Fatal("redaction changed the plan")
	}
}

func TestCSVRoundTripKeepsTheTree(t *testing.T) {
	t.Parallel()
	o := example(t)
	csv := render(t, o, Options{Format: "csv"})
	back, err := storage.ImportCSV("x.csv", strings.NewReader(csv), storage.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	shape := func(o *model.Org) string {
		var b strings.Builder
		o.Walk(func(u *model.Unit) bool {
			parent := ""
			if u.Parent() != nil {
				parent = u.Parent().ID
			}
			b.WriteString(u.ID + "<" + parent + ":" + u.Name + "|")
			for _, p := range u.Posts {
				b.WriteString(p.Title + "=" + o.MemberLabel(p.Holder) + ";")
			}
			b.WriteString("\n")
			return true
		})
		return b.String()
	}
	if shape(back) != shape(o) {
		t.Fatalf("the tree changed through csv:\n%s\nvs\n%s", shape(back), shape(o))
	}
}

func TestDotRenders(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("graphviz is missing; .ci/run installs it")
		}
		t.Skip("graphviz (dot) is not installed here; CI installs it")
	}
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = strings.NewReader(render(t, example(t), Options{Format: "dot"}))
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("<svg")) {
		t.Fatalf("dot -Tsvg: %v\n%.300s", err, out)
	}
}
