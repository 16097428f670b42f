package export

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

// hostileStrings is the Big List of Naughty Strings (vendored in testdata
// with its license) and strings aimed at each output's syntax.
func hostileStrings(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/blns/blns.json")
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	return append(list,
		"\x1b[2J\x1b[31mred", "\x1b]0;title\x07", "\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", "bell\x07", "nul\x00byte",
		"c1\u0085\u009b31m", "\u202eevil\u202c", "\u2066iso\u2069", "zero\u200bwidth", "bom\ufeff", "soft\u00adhyphen",
		"[x](http://evil/)", "![img](http://evil/i.png)", "<img src=x onerror=alert(1)>", "<script>x</script>",
		"&amp; &lt; &#x41;", "\r# heading", "\n# heading", "# heading", "- list", "1. ordered", "> quote", "    code",
		"`tick", "``double``", "*em* _em_ **strong** ~~strike~~", "| a | b |", "https://autolink.example", "www.example.com",
		"mail@example.com", "#quot; #lt; #35;", "&quot;", "a\"b", "\\", "line\r\nbreak", "tab\there",
		"=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://evil\")", "'=x", "\t=x", "\r=x")
}

// hostilePlan puts s in every text field of a small plan.
func hostilePlan(t *testing.T, s string) *model.Org {
	t.Helper()
	d := &storage.FileDoc{Format: storage.FormatVersion, Name: s, Description: s,
		Functions: []storage.FileFunction{{ID: "f1", Name: s, Description: s}},
		Kinds:     []storage.FileKind{{ID: "k1", Name: s, Description: s}},
		Members: []storage.FileMember{{ID: "m1", Alias: s, Name: s, Background: s, Notes: s, Skills: []string{s}},
			{ID: "m2", Alias: s + "2", Status: "arrested"}},
		Units: []storage.FileUnit{{ID: "u1", Name: s, Kind: "k1", Purpose: s, Notes: s,
			Posts: []storage.FilePost{{ID: "p1", Title: s, Function: "f1", Holder: "m1", Candidates: []string{"m2"}, Notes: s},
				{ID: "p2", Title: s}},
			Units: []storage.FileUnit{{ID: "u2", Name: s, Posts: []storage.FilePost{{ID: "p3", Title: s, Holder: "m2"}}}}}}}
	o, err := storage.FromSnapshot(d)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return o
}

// TestHostileNamesInEveryTextOutput checks, for every hostile string in
// every field: no text output carries a hidden character; Markdown renders
// the names as text (no link, image, heading, HTML or strikethrough comes
// from a name, and the plan's name reads back as itself); Mermaid labels
// hold none of the characters its syntax reads; Graphviz accepts the file.
func TestHostileNamesInEveryTextOutput(t *testing.T) {
	t.Parallel()
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	day := time.Date(1902, 12, 1, 0, 0, 0, 0, time.UTC)
	label := regexp.MustCompile(`\["(.*)"\]`)
	entity := regexp.MustCompile(`#(\w+);`)
	haveDot := exec.Command("dot", "-V").Run() == nil
	var dots strings.Builder
	var dotOf []string
	for _, s := range hostileStrings(t) {
		o := hostilePlan(t, s)
		outs := map[string]string{}
		for _, f := range []string{"dot", "mermaid", "markdown"} {
			outs[f] = render(t, o, Options{Format: f, AsOf: day})
		}
		var b bytes.Buffer
		if err := Findings(&b, "text", s, day, model.CheckAll(o, day)); err != nil {
			t.Fatal(err)
		}
		outs["check"] = b.String()
		b.Reset()
		if err := Simulation(&b, "text", s, o, model.Simulate(o, []string{"m1"}), model.SinglePoints(o)); err != nil {
			t.Fatal(err)
		}
		outs["simulate"] = b.String()
		for f, out := range outs {
			for _, line := range strings.Split(out, "\n") {
				if !visible.Plain(line) {
					t.Errorf("%s of %q: a hidden character in %q", f, s, line)
					break
				}
			}
		}

		src := []byte(outs["markdown"])
		doc := md.Parser().Parse(text.NewReader(src))
		headings := 0
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n.(type) {
			case *ast.Link, *ast.Image, *ast.AutoLink, *ast.RawHTML, *ast.HTMLBlock, *east.Strikethrough, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.Blockquote:
				t.Errorf("markdown of %q: a %s node", s, n.Kind())
			case *ast.Heading:
				headings++
			}
			return ast.WalkContinue, nil
		})
		if headings != 5 {
			t.Errorf("markdown of %q: %d headings, want the report's 5", s, headings)
		}
		var h bytes.Buffer
		if err := md.Renderer().Render(&h, src, doc); err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`<h1>(.*)</h1>`).FindStringSubmatch(h.String()); m == nil ||
			strings.Trim(html.UnescapeString(m[1]), " ") != strings.Trim(visible.String(s), " ") {
			t.Errorf("markdown of %q: the title reads %q", s, m)
		}

		for _, line := range strings.Split(outs["mermaid"], "\n") {
			m := label.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			l := strings.ReplaceAll(m[1], "<br/>", "")
			if strings.ContainsAny(l, "\"<>`&") {
				t.Errorf("mermaid of %q: label %q", s, m[1])
			}
			if strings.Count(l, "#") != len(entity.FindAllString(l, -1)) {
				t.Errorf("mermaid of %q: a # outside an entity in %q", s, m[1])
			}
		}

		dots.WriteString(outs["dot"])
		dotOf = append(dotOf, s)
	}
	// Graphviz reads every graph of one input: one run for all, and one
	// per string only to name the one it refuses.
	if !haveDot {
		return
	}
	if out, err := runDot(dots.String()); err != nil {
		for _, s := range dotOf {
			if out, err := runDot(render(t, hostilePlan(t, s), Options{Format: "dot"})); err != nil {
				t.Errorf("dot of %q: %v: %.200s", s, err, out)
			}
		}
		t.Errorf("dot refused the graphs: %v: %.300s", err, out)
	}
}

func runDot(src string) ([]byte, error) {
	cmd := exec.Command("dot", "-Tsvg", "-o", os.DevNull)
	cmd.Stdin = strings.NewReader(src)
	return cmd.CombinedOutput()
}

// TestCSVRoundTripKeepsEveryStringExactly exports each hostile plan to CSV
// and imports it back: names, titles, functions, holders and candidates
// come back byte for byte, formula cells included.
func TestCSVRoundTripKeepsEveryStringExactly(t *testing.T) {
	t.Parallel()
	for _, s := range hostileStrings(t) {
		if strings.ContainsRune(s, 0) || len(s) == 0 {
			continue // a NUL or an empty alias names nobody
		}
		o := hostilePlan(t, s)
		out := render(t, o, Options{Format: "csv"})
		for _, line := range strings.Split(out, "\n") {
			for _, cell := range strings.Split(line, ",") {
				if cell = strings.TrimPrefix(cell, `"`); cell != "" && strings.IndexByte("=+-@", cell[0]) >= 0 {
					t.Errorf("%q: a formula cell %q", s, cell)
				}
			}
		}
		back, err := storage.ImportCSV("x.csv", strings.NewReader(out), storage.ImportOptions{})
		if err != nil {
			t.Errorf("%q: import: %v", s, err)
			continue
		}
		u := back.Units[0]
		p := u.Posts[0]
		got := []string{u.Name, u.Units[0].Name, p.Title, back.FunctionName(p.Function), back.MemberLabel(p.Holder), back.MemberLabel(p.Candidates[0])}
		want := []string{s, s, s, s, s, s + "2"}
		if strings.Join(got, "\x00|") != strings.Join(want, "\x00|") {
			t.Errorf("%q came back as %q", s, got)
		}
	}
}

// TestCoverageTableOfTheUnion: the Markdown report of the union example
// has a coverage table, as Markdown reads it (goldmark, GFM), worst
// covered first.
func TestCoverageTableOfTheUnion(t *testing.T) {
	t.Parallel()
	b, _ := examples.Get("union-organizing-committee")
	o, err := storage.Decode("union.json", b)
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(render(t, o, Options{Format: "markdown"}))
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	var rows [][]string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*east.TableHeader); ok && entering && string(h.FirstChild().Text(src)) == "unit" { //nolint:staticcheck
			rows = [][]string{}
		}
		if r, ok := n.(*east.TableRow); ok && entering && rows != nil {
			var cells []string
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, string(c.Text(src))) //nolint:staticcheck // the cell's text is what a reader sees
			}
			rows = append(rows, cells)
		}
		return ast.WalkContinue, nil
	})
	if len(rows) < 20 || !strings.HasSuffix(rows[0][0], "Inbound — weekend shift") || rows[0][2] != "0" || rows[0][4] != "4 more" {
		t.Fatalf("coverage rows: %v", rows)
	}
}

// mdEscape skips the replacer when nothing in a string could match: it
// must give what the replacer gives, and every pattern must be caught by
// the quick look.
func TestMarkdownQuickLookMissesNothing(t *testing.T) {
	t.Parallel()
	for i := 0; i < len(mdPairs); i += 2 {
		if p := mdPairs[i]; !strings.ContainsAny(p, mdTriggers) && p != "www." && p != "WWW." {
			t.Errorf("the pattern %q has no byte in mdTriggers", p)
		}
	}
	for _, s := range hostileStrings(t) {
		for _, v := range []string{s, s + "www.x", "WWW." + s, s + "a://b", "x@" + s} {
			if got, want := mdEscape(v), mdEscaper.Replace(visible.String(v)); got != want {
				t.Errorf("mdEscape(%q) = %q, want %q", v, got, want)
			}
		}
	}
}
