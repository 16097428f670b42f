package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

// Formats lists the export formats, in the order help shows them.
var Formats = []string{"json", "dot", "mermaid", "markdown", "csv"}

// Ext is the file name ending of each format's export.
var Ext = map[string]string{"json": ".export.json", "dot": ".dot", "mermaid": ".mmd", "markdown": ".md", "csv": ".csv"}

// Options shape an export.
type Options struct {
	Format  string
	Redact  bool      // drop real names and notes, keep aliases
	Members bool      // csv: one row per member instead of per post
	AsOf    time.Time // for the findings in markdown; zero: the plan's asOf or today
}

// Write exports a plan in a format.
func Write(w io.Writer, o *model.Org, opt Options) error {
	if opt.Redact {
		o = Redacted(o)
	}
	switch opt.Format {
	case "json":
		return storage.Write(w, o)
	case "dot":
		return dot(w, o)
	case "mermaid":
		return mermaid(w, o)
	case "markdown":
		return markdown(w, o, opt)
	case "csv":
		if opt.Members {
			return membersCSV(w, o)
		}
		return postsCSV(w, o)
	}
	return fmt.Errorf("unknown format %q (%s)", opt.Format, strings.Join(Formats, ", "))
}

// Redacted is a copy of the plan without real names and notes: members'
// names, and the notes of members, units and posts. Aliases stay.
func Redacted(o *model.Org) *model.Org {
	d := storage.Snapshot(o)
	for i := range d.Members {
		d.Members[i].Name, d.Members[i].Notes = "", ""
	}
	var units func(us []storage.FileUnit)
	units = func(us []storage.FileUnit) {
		for i := range us {
			us[i].Notes = ""
			for j := range us[i].Posts {
				us[i].Posts[j].Notes = "" // the snapshot's own structs
			}
			units(us[i].Units)
		}
	}
	units(d.Units)
	r, err := storage.FromSnapshot(d)
	if err != nil {
		// A valid plan with fields emptied stays valid.
		panic("export: redaction broke the plan: " + err.Error())
	}
	return r
}

// secrecyColor is a fill per secrecy level, light enough for black text.
var secrecyColor = map[model.Secrecy]string{
	model.SecrecyOpen: "#e8f5e9", model.SecrecyLow: "#f1f8e9", model.SecrecyMedium: "#fffde7",
	model.SecrecyHigh: "#fff3e0", model.SecrecyStrict: "#ffebee",
}

func unitSummary(o *model.Org, u *model.Unit) (label string, vacant int) {
	filled := 0
	for _, p := range u.Posts {
		if p.Holder != "" {
			filled++
		} else {
			vacant++
		}
	}
	kind := ""
	if u.Kind != "" {
		kind = visible.String(o.KindName(u.Kind)) + " · "
	}
	return fmt.Sprintf("%s%s · %d/%d posts", kind, o.UnitSecrecy(u), filled, len(u.Posts)), vacant
}

// dotQuote makes a Graphviz string: hidden characters of the plan's text
// are shown as escapes (visible), then backslash and quote are escaped,
// and the label's own line breaks become \n.
func dotQuote(s string) string { return `"` + dotEscaper.Replace(s) + `"` }

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// dotText is a plan's text inside a dot label, on one line.
func dotText(s string) string { return visible.String(s) }

// dot writes Graphviz: units as boxes (name, kind, secrecy, filled/total),
// filled by secrecy, a red border and a count where posts are vacant;
// solid edges down the tree, dashed edges for reportsTo.
func dot(w io.Writer, o *model.Org) error {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph orgplan {\n  label=%s;\n  labelloc=t;\n  rankdir=TB;\n", dotQuote(dotText(o.Name)))
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n  edge [color=\"#555555\"];\n")
	o.Walk(func(u *model.Unit) bool {
		summary, vacant := unitSummary(o, u)
		label := dotText(u.Name) + "\n" + summary
		attrs := fmt.Sprintf("label=%s, fillcolor=%s", dotQuote(label), dotQuote(secrecyColor[o.UnitSecrecy(u)]))
		if vacant > 0 {
			attrs = fmt.Sprintf("label=%s, fillcolor=%s, color=\"#c62828\", penwidth=2",
				dotQuote(label+fmt.Sprintf("\n! %d vacant", vacant)), dotQuote(secrecyColor[o.UnitSecrecy(u)]))
		}
		fmt.Fprintf(&b, "  %s [%s];\n", dotQuote(dotText(u.ID)), attrs)
		return true
	})
	o.Walk(func(u *model.Unit) bool {
		for _, c := range u.Units {
			fmt.Fprintf(&b, "  %s -> %s;\n", dotQuote(dotText(u.ID)), dotQuote(dotText(c.ID)))
		}
		for _, r := range u.ReportsTo {
			fmt.Fprintf(&b, "  %s -> %s [style=dashed, constraint=false, label=\"reports to\", fontsize=8];\n", dotQuote(dotText(u.ID)), dotQuote(dotText(r)))
		}
		return true
	})
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidText makes a plan's text safe inside ["…"]: hidden characters
// shown as escapes, and every character Mermaid's label syntax reads
// (quotes, markup, entity starts, the backtick of a Markdown string) as
// one of Mermaid's own #code; entities, which it shows as the character.
func mermaidText(s string) string { return mermaidEscaper.Replace(visible.String(s)) }

var mermaidEscaper = strings.NewReplacer(`"`, "#quot;", "#", "#35;", "&", "#38;", "<", "#lt;", ">", "#gt;", "`", "#96;")

func mermaidID(id string) string {
	var b strings.Builder
	b.WriteString("u_")
	for _, r := range id {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}

// mermaid writes a flowchart that Markdown viewers render.
func mermaid(w io.Writer, o *model.Org) error {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	o.Walk(func(u *model.Unit) bool {
		summary, vacant := unitSummary(o, u)
		label := mermaidText(u.Name) + "<br/>" + mermaidText(summary)
		if vacant > 0 {
			label += fmt.Sprintf("<br/>! %d vacant", vacant)
		}
		fmt.Fprintf(&b, "  %s[\"%s\"]:::%s\n", mermaidID(u.ID), label, o.UnitSecrecy(u))
		return true
	})
	o.Walk(func(u *model.Unit) bool {
		for _, c := range u.Units {
			fmt.Fprintf(&b, "  %s --> %s\n", mermaidID(u.ID), mermaidID(c.ID))
		}
		for _, r := range u.ReportsTo {
			fmt.Fprintf(&b, "  %s -.->|reports to| %s\n", mermaidID(u.ID), mermaidID(r))
		}
		return true
	})
	for _, s := range model.SecrecyLevels {
		fmt.Fprintf(&b, "  classDef %s fill:%s,stroke:#555555\n", s, secrecyColor[s])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func people(o *model.Org, ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = o.MemberLabel(id)
		if !o.MemberActive(id) {
			if m := o.Member(id); m != nil {
				parts[i] += " (" + string(m.Status) + ")"
			}
		}
	}
	return strings.Join(parts, ", ")
}

// mdEscape makes a plan's text read as the same text in a Markdown
// renderer: hidden characters shown as escapes (a \r or \n in a name is
// shown, never a line break), every inline syntax character escaped
// (emphasis, code, links and images, tables, strikethrough), HTML and
// entities written as entities, and the "://", "www." and "@" that
// autolinking looks for broken by an escape.
func mdEscape(s string) string {
	v := visible.String(s)
	// Most names hold nothing to escape: a bitmap scan says so faster
	// than the replacer's trie, which would return v unchanged.
	if !strings.ContainsAny(v, mdTriggers) && !strings.Contains(v, "www.") && !strings.Contains(v, "WWW.") {
		return v
	}
	return mdEscaper.Replace(v)
}

// mdTriggers holds a byte of every mdEscaper pattern but "www." and
// "WWW." (':' for "://").
const mdTriggers = "\\*_`|[]~<>&:@"

var mdPairs = []string{`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "|", `\|`,
	"[", `\[`, "]", `\]`, "~", `\~`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"://", `\://`, "@", `\@`, "www.", `www\.`, "WWW.", `WWW\.`}

var mdEscaper = strings.NewReplacer(mdPairs...)

// mdBlock is mdEscape for text that starts a line: leading spaces (a
// code block) become entities, and the marker of a list, quote or setext
// heading is escaped ("1902." is written "1902\.").
func mdBlock(s string) string {
	e := mdEscape(s)
	body := strings.TrimLeft(e, " ")
	lead := strings.Repeat("&#32;", len(e)-len(body))
	if body == "" {
		return lead
	}
	if strings.ContainsRune("-+=>#", rune(body[0])) {
		return lead + `\` + body
	}
	digits := len(body) - len(strings.TrimLeft(body, "0123456789"))
	if digits > 0 && digits < len(body) && (body[digits] == '.' || body[digits] == ')') {
		return lead + body[:digits] + `\` + body[digits:]
	}
	return lead + body
}

// markdown writes a readable report: the tree with posts, holders and
// candidates; the division of labor; vacancies; the checks' findings.
func markdown(w io.Writer, o *model.Org, opt Options) error {
	// Written as it goes: a report of a big plan is never held whole.
	// A bufio.Writer keeps its first error: Flush reports it.
	b := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(b, "# %s\n\n", mdBlock(o.Name))
	if o.Description != "" {
		fmt.Fprintf(b, "%s\n\n", mdBlock(o.Description))
	}
	fmt.Fprintf(b, "%d units, %d posts, %d members", o.UnitCount(), o.PostCount(), len(o.Members))
	if o.AsOf != "" {
		fmt.Fprintf(b, "; as of %s", o.AsOf)
	}
	fmt.Fprint(b, ".\n\n## Organization\n\n")
	var tree func(us []*model.Unit, depth int)
	tree = func(us []*model.Unit, depth int) {
		ind := strings.Repeat("  ", depth)
		for _, u := range us {
			summary, _ := unitSummary(o, u)
			fmt.Fprintf(b, "%s- **%s** (%s)", ind, mdEscape(u.Name), mdEscape(summary))
			if u.Purpose != "" {
				fmt.Fprintf(b, " — %s", mdEscape(u.Purpose))
			}
			fmt.Fprint(b, "\n")
			for _, p := range u.Posts {
				holder := "*vacant*"
				if p.Holder != "" {
					holder = mdEscape(people(o, []string{p.Holder}))
				}
				fn := ""
				if p.Function != "" && o.FunctionName(p.Function) != p.Title {
					fn = " (" + mdEscape(o.FunctionName(p.Function)) + ")"
				}
				cands := "no candidate"
				var now, later []string
				for _, c := range p.Candidates {
					if p.Later(c) {
						later = append(later, c)
					} else {
						now = append(now, c)
					}
				}
				switch {
				case len(now) > 0 && len(later) > 0:
					cands = "ready: " + mdEscape(people(o, now)) + "; ready later: " + mdEscape(people(o, later))
				case len(now) > 0:
					cands = "ready: " + mdEscape(people(o, now))
				case len(later) > 0:
					cands = "ready later: " + mdEscape(people(o, later))
				}
				fmt.Fprintf(b, "%s  - %s%s: %s; %s\n", ind, mdBlock(p.Title), fn, holder, cands)
			}
			tree(u.Units, depth+1)
		}
	}
	tree(o.Units, 0)

	l := model.LaborTable(o)
	fmt.Fprint(b, "\n## Division of labor\n\n| function | performed by |\n|---|---|\n")
	for _, f := range l.Functions {
		who := "**nobody**"
		if len(f.Performers) > 0 {
			who = mdEscape(people(o, f.Performers))
		}
		fmt.Fprintf(b, "| %s | %s |\n", mdEscape(o.FunctionName(f.Function)), who)
	}
	if len(l.Jumble) > 0 {
		fmt.Fprint(b, "\nMore than two functions:\n\n")
		for _, j := range l.Jumble {
			names := make([]string, len(j.Functions))
			for i, f := range j.Functions {
				names[i] = o.FunctionName(f)
			}
			fmt.Fprintf(b, "- %s: %s\n", mdBlock(o.MemberLabel(j.Member)), mdEscape(strings.Join(names, ", ")))
		}
	}
	if len(l.Idle) > 0 {
		fmt.Fprintf(b, "\nActive members with no function: %s.\n", mdEscape(people(o, l.Idle)))
	}

	vs := model.Vacancies(o)
	fmt.Fprintf(b, "\n## Vacancies (%d)\n\n", len(vs))
	for _, v := range vs {
		what := "no active candidate"
		if v.Vacant {
			what = "vacant"
			if v.NoCandidate {
				what += ", no candidate"
			}
		}
		fmt.Fprintf(b, "- %s — %s\n", mdBlock(o.PostPathString(v.Post)), what)
	}

	if cs := model.Coverages(o); len(cs) > 0 {
		fmt.Fprint(b, "\n## Coverage, worst first\n\n| unit | people | organizers | one per | needs |\n|---|--:|--:|--:|--:|\n")
		for _, c := range cs {
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d more |\n", mdEscape(o.PathString(c.Unit)), c.Headcount, c.Organizers, c.Ratio, c.Short())
		}
	}

	day := opt.AsOf
	if day.IsZero() {
		day, _ = model.AsOf(o, "", time.Now())
	}
	// Each finding's words are made as it is written, never all held.
	fs := model.CheckAll(o, day)
	errs, warns := fs.Count()
	fmt.Fprintf(b, "\n## Findings as of %s (%d errors, %d warnings)\n\n", day.Format(model.DateLayout), errs, warns)
	for f, path := range fs.AllPaths() {
		fmt.Fprintf(b, "- **%s** `%s` %s: %s\n", f.Severity, f.Check, mdEscape(string(path)), mdEscape(f.Message))
	}
	return b.Flush()
}

// postsCSV writes one row per post (and one for each unit with none):
// the unit's id, its parent's id, its name and path, then the post. The id
// and parentId columns make it importable again.
func postsCSV(w io.Writer, o *model.Org) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "parentId", "name", "unitPath", "postId", "post", "function", "holder", "candidates"})
	o.Walk(func(u *model.Unit) bool {
		parent := ""
		if u.Parent() != nil {
			parent = u.Parent().ID
		}
		base := []string{u.ID, parent, u.Name, o.PathString(u)}
		if len(u.Posts) == 0 {
			writeCells(cw, append(base, "", "", "", "", ""))
		}
		for _, p := range u.Posts {
			fn := ""
			if p.Function != "" {
				fn = o.FunctionName(p.Function)
			}
			holder := ""
			if p.Holder != "" {
				holder = o.MemberLabel(p.Holder)
			}
			cands := make([]string, len(p.Candidates))
			for i, c := range p.Candidates {
				cands[i] = o.MemberLabel(c)
			}
			writeCells(cw, append(append([]string(nil), base...), p.ID, p.Title, fn, holder, storage.JoinList(cands)))
		}
		return true
	})
	cw.Flush()
	return cw.Error()
}

// writeCells writes a CSV row, each cell protected from being run as a
// spreadsheet formula (storage.ProtectCell; import undoes it).
func writeCells(cw *csv.Writer, cells []string) {
	for i, c := range cells {
		cells[i] = storage.ProtectCell(c)
	}
	cw.Write(cells) //nolint:errcheck // the writer keeps the first error for Flush
}

// membersCSV writes one row per member.
func membersCSV(w io.Writer, o *model.Org) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "alias", "name", "background", "status", "skills", "functions", "holds", "candidateFor"})
	for _, m := range o.Members {
		status := string(m.Status)
		if status == "" {
			status = string(model.StatusActive)
		}
		var fs, held, cand []string
		for _, f := range o.MemberFunctions(m.ID) {
			fs = append(fs, o.FunctionName(f))
		}
		s, _ := model.Summarize(o, m.ID)
		for _, p := range s.Held {
			held = append(held, o.PostPathString(p))
		}
		for _, c := range s.Candidacies {
			cand = append(cand, fmt.Sprintf("#%d %s", c.Position, o.PostPathString(c.Post)))
		}
		sort.Strings(fs)
		writeCells(cw, []string{m.ID, m.Alias, m.Name, m.Background, status, storage.JoinList(m.Skills),
			storage.JoinList(fs), storage.JoinList(held), storage.JoinList(cand)})
	}
	cw.Flush()
	return cw.Error()
}
