package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/visible"
)

// Problem is one thing wrong with a file, where it is and what it is.
type Problem struct {
	File    string
	Line    int // 1-based
	Col     int // 1-based, in characters
	Pointer string
	Msg     string
}

func (p Problem) String() string {
	ptr := ""
	if p.Pointer != "" {
		ptr = visible.String(shortPointer(p.Pointer)) + ": "
	}
	return fmt.Sprintf("%s:%d:%d: %s%s", visible.String(p.File), p.Line, p.Col, ptr, visible.String(p.Msg))
}

// shortPointer keeps a pointer readable on one line: a path thousands of
// levels deep shows its start and end.
func shortPointer(p string) string {
	const keep = 60
	if len(p) <= 2*keep+3 {
		return p
	}
	head, tail := p[:keep], p[len(p)-keep:]
	if i := strings.LastIndexByte(head, '/'); i > 0 {
		head = head[:i]
	}
	if i := strings.IndexByte(tail, '/'); i >= 0 {
		tail = tail[i:]
	}
	return head + "/…" + tail
}

// LoadError is every problem found in a file that could not be loaded.
type LoadError struct {
	Problems []Problem
}

// Error is one line per problem.
func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// MaxText is the longest string a plan may hold, in bytes: far more than any
// name or note needs, and a bound on what a hostile file can make us render.
const MaxText = 100_000

// Load reads and strictly validates a plan file (read once, whole).
func Load(path string) (*model.Org, error) { return LoadProgress(path, nil, nil) }

// Decode parses and validates a plan; name is used in error positions.
func Decode(name string, data []byte) (*model.Org, error) { return decode(name, data, nil) }

func decode(name string, data []byte, pr *Progress) (*model.Org, error) {
	// Loading builds a large graph that stays alive: collecting while it
	// grows is wasted work. Collect less often until it is built, but
	// within a soft limit of twice the text (which is held meanwhile, to
	// locate problems), so that the peak stays under three times the file.
	defer tuneCollector(2*int64(len(data)) + 64<<20)()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &LoadError{[]Problem{{File: name, Line: 1, Col: 1, Msg: "the file is empty; an orgplan file is a JSON object"}}}
	}
	if off := longString(data); off >= 0 {
		p := longStringProblem(data, off)
		line, col := position(data, off)
		return nil, &LoadError{[]Problem{{File: name, Line: line, Col: col, Pointer: p.Path, Msg: p.Msg}}}
	}
	// Nulls and missing members are looked for on the other core while
	// the typed decoder runs.
	shape := make(chan []model.Problem, 1)
	go func() { shape <- shapeProblems(data) }()
	var d FileDoc
	var err error
	if pr == nil {
		err = json.Unmarshal(data, &d, json.RejectUnknownMembers(true))
	} else {
		// Read through a counter, the bytes decoded are the progress (the
		// decoder buffers what it reads: 4% slower, so only when shown).
		pr.start(StageDecode, int64(len(data)))
		err = json.UnmarshalRead(counting{bytes.NewReader(data), pr}, &d, json.RejectUnknownMembers(true))
	}
	sp := <-shape
	if err != nil {
		return nil, explain(name, data, err)
	}
	if p := formatProblem(d.Format); p != "" {
		return nil, locate(name, data, []model.Problem{{Path: "/format", Msg: p}})
	}
	if len(sp) > 0 {
		return nil, locate(name, data, sp)
	}
	o, err := fromFile(&d, pr)
	if err != nil {
		return nil, locate(name, data, err.(*positionless).probs)
	}
	if len(data) >= collectAfter {
		data = nil
		collectSoon()
	}
	return o, nil
}

// collectSoon starts one collection once a big plan is built. The collector
// last measured the heap with the text or the file structs in it, and
// would let it grow to twice that before looking again: at a million
// units, 6 GB for a plan that needs 1.4. A collection now sets the mark
// from the plan alone. It runs beside the caller, not before it: waiting
// for it was 1.5–2.3 s of a million-unit load, for 2% less at the peak.
func collectSoon() { go runtime.GC() }

// tuneCollector has the collector run less often while a plan is built,
// within a soft limit of memory, and returns what puts it back.
func tuneCollector(limit int64) func() {
	percent := debug.SetGCPercent(400)
	was := debug.SetMemoryLimit(-1)
	if limit < was {
		debug.SetMemoryLimit(limit)
	}
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(was)
	}
}

// collectAfter is the size of text past which a load ends with a
// collection: a few milliseconds against seconds of decoding.
const collectAfter = 64 << 20

func countUnits(us []FileUnit) int64 {
	n := int64(len(us))
	for i := range us {
		n += countUnits(us[i].Units)
	}
	return n
}

// positionless carries problems found after decoding, before they are
// located in the file's text.
type positionless struct{ probs []model.Problem }

func (p *positionless) Error() string { return p.probs[0].Error() }

// fromFile checks a decoded file and builds the plan. The file structs are
// consumed: what is converted is released as it goes, to keep the peak of
// memory low on large plans.
func fromFile(d *FileDoc, pr *Progress) (*model.Org, error) {
	var units int64
	if pr != nil {
		units = countUnits(d.Units)
		pr.start(StageBuild, units)
	}
	return indexBuilt(d.toModel(pr), units, pr)
}

// fromDecoded is fromFile for a file whose units were made as it was
// decoded.
func fromDecoded(d *FileDoc, ud *unitDecoder, pr *Progress) (*model.Org, error) {
	o := d.toModel(pr)
	o.Units = ud.last
	return indexBuilt(o, ud.units, pr)
}

// indexBuilt checks and indexes a plan just built, of units units.
func indexBuilt(o *model.Org, units int64, pr *Progress) (*model.Org, error) {
	pr.start(StageIndex, units)
	// The text is measured on another core while the plan is indexed: both
	// only read the strings.
	long := make(chan []model.Problem)
	go func() { long <- checkText(o) }()
	probs := o.Reindex()
	if lp := <-long; len(lp) > 0 {
		return nil, &positionless{lp}
	}
	if len(probs) == 0 {
		probs = checkTeamKeys(o)
	}
	if len(probs) > 0 {
		return nil, &positionless{probs}
	}
	return o, nil
}

// formatProblem explains a "format" value this version cannot read.
func formatProblem(f string) string {
	switch {
	case f == FormatVersion:
		return ""
	case f == "":
		return `missing "format": "orgplan/1"; this is not an orgplan file`
	case strings.HasPrefix(f, "orgplan/"):
		if n, err := strconv.Atoi(strings.TrimPrefix(f, "orgplan/")); err == nil && n > 1 {
			return fmt.Sprintf("format %q is newer than this orgplan reads (%s); upgrade orgplan", f, FormatVersion)
		}
	}
	return fmt.Sprintf("format %q is not %q", f, FormatVersion)
}

// checkText refuses strings past MaxText. A first pass only measures; the
// paths are built in a second pass, when there is something to report.
func checkText(d *model.Org) []model.Problem {
	long := false
	measure := func(_, s string) {
		if len(s) > MaxText {
			long = true
		}
	}
	walkText(d, measure, false)
	if !long {
		return nil
	}
	var probs []model.Problem
	walkText(d, func(path, s string) {
		if len(s) > MaxText {
			probs = append(probs, model.Problem{Path: path, Msg: fmt.Sprintf("text of %d bytes is longer than the limit of %d", len(s), MaxText)})
		}
	}, true)
	return probs
}

// walkText calls check with every string of the document, and its path
// when paths is set ("" otherwise).
func walkText(d *model.Org, check func(path, s string), paths bool) {
	at := func(base string, i int, field string) string {
		if !paths {
			return ""
		}
		return base + "/" + strconv.Itoa(i) + "/" + field
	}
	check("/name", d.Name)
	check("/description", d.Description)
	for i, f := range d.Functions {
		check(at("/functions", i, "name"), f.Name)
		check(at("/functions", i, "description"), f.Description)
	}
	for i, k := range d.Kinds {
		check(at("/kinds", i, "name"), k.Name)
		check(at("/kinds", i, "description"), k.Description)
	}
	for i, m := range d.Members {
		check(at("/members", i, "id"), m.ID)
		check(at("/members", i, "alias"), m.Alias)
		check(at("/members", i, "name"), m.Name)
		check(at("/members", i, "background"), m.Background)
		check(at("/members", i, "notes"), m.Notes)
		for j, s := range m.Skills {
			check(at("/members", i, "skills")+"/"+strconv.Itoa(j), s)
		}
	}
	var units func(us []*model.Unit, path string)
	units = func(us []*model.Unit, path string) {
		for i := range us {
			u := us[i]
			p := at(path+"/units", i, "")
			p = strings.TrimSuffix(p, "/")
			check(p+"/id", u.ID)
			check(p+"/name", u.Name)
			check(p+"/purpose", u.Purpose)
			check(p+"/notes", u.Notes)
			for j := range u.Posts {
				pp := strings.TrimSuffix(at(p+"/posts", j, ""), "/")
				check(pp+"/id", u.Posts[j].ID)
				check(pp+"/title", u.Posts[j].Title)
				check(pp+"/notes", u.Posts[j].Notes)
			}
			units(u.Units, p)
		}
	}
	units(d.Units, "")
}

// explain turns a decoding error into located problems: a syntax error is
// one problem; a structural one is explained in full by the schema, so that
// every unknown field and wrong type is reported at once.
func explain(name string, data []byte, err error) error {
	// The typed decoder may stop at a wrong type before it reaches a
	// syntax error further on: the text's syntax is judged first.
	if se := firstSyntaxError(data); se != nil {
		err = se
	}
	var syn *jsontext.SyntacticError
	if errors.As(err, &syn) {
		off, msg := syn.ByteOffset, syntaxMessage(syn)
		if t := bytes.TrimLeft(data, " \t\r\n"); t[0] != '{' && t[0] != '[' && t[0] != '"' {
			off, msg = int64(len(data)-len(t)), `not JSON: an orgplan file is a JSON object, starting with "{"`
		}
		line, col := position(data, off)
		return &LoadError{[]Problem{{File: name, Line: line, Col: col, Pointer: string(syn.JSONPointer), Msg: msg}}}
	}
	var head struct {
		Format string `json:"format"`
	}
	if json.Unmarshal(data, &head) == nil {
		if p := formatProblem(head.Format); p != "" && head.Format != "" {
			return locate(name, data, []model.Problem{{Path: "/format", Msg: p}})
		}
	}
	if probs := schemaProblems(data); len(probs) > 0 {
		return locate(name, data, probs)
	}
	var sem *json.SemanticError
	if errors.As(err, &sem) {
		line, col := position(data, sem.ByteOffset)
		return &LoadError{[]Problem{{File: name, Line: line, Col: col, Pointer: string(sem.JSONPointer), Msg: semanticMessage(sem)}}}
	}
	return &LoadError{[]Problem{{File: name, Line: 1, Col: 1, Msg: err.Error()}}}
}

// firstSyntaxError reads the whole text as JSON tokens and returns the
// first syntax error, if any: one value, then only white space.
func firstSyntaxError(data []byte) error {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	var se *jsontext.SyntacticError
	if _, err := dec.ReadValue(); err != nil {
		if errors.As(err, &se) {
			return se
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return &jsontext.SyntacticError{ByteOffset: int64(len(data)), Err: io.ErrUnexpectedEOF}
		}
		return nil
	}
	end := dec.InputOffset()
	if _, err := dec.ReadToken(); err != io.EOF {
		if errors.As(err, &se) {
			return se
		}
		off := end
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n", data[off]) >= 0 {
			off++
		}
		r, _ := utf8.DecodeRune(data[off:])
		return &jsontext.SyntacticError{ByteOffset: off, Err: fmt.Errorf("invalid character %q after top-level value", r)}
	}
	return nil
}

func syntaxMessage(e *jsontext.SyntacticError) string {
	msg := e.Error()
	if e.Err != nil {
		msg = e.Err.Error()
	}
	msg = strings.TrimPrefix(msg, "jsontext: ")
	if i := strings.Index(msg, " after offset "); i >= 0 {
		msg = msg[:i]
	}
	if i := strings.Index(msg, " within "); i >= 0 {
		msg = msg[:i]
	}
	if errors.Is(e, jsontext.ErrDuplicateName) {
		return "the field appears twice in the same object"
	}
	return "not valid JSON: " + msg
}

func semanticMessage(e *json.SemanticError) string {
	switch {
	case errors.Is(e, json.ErrUnknownName):
		return "unknown field"
	case e.JSONKind != 0 && e.GoType != nil:
		return fmt.Sprintf("wrong type: got %s", e.JSONKind)
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return e.Error()
}

// position converts a byte offset into a 1-based line and character column.
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	col = len([]rune(string(before[start:]))) + 1
	return line, col
}

// locate finds where in the file each problem's path is and sorts the
// problems by position.
func locate(name string, data []byte, probs []model.Problem) error {
	want := make(map[string]bool, len(probs))
	for _, p := range probs {
		want[p.Path] = true
	}
	offs := pointerOffsets(data, want)
	out := make([]Problem, len(probs))
	for i, p := range probs {
		off, ok := offs[p.Path]
		if !ok {
			off = nearestOffset(offs, p.Path)
		}
		line, col := position(data, off)
		out[i] = Problem{File: name, Line: line, Col: col, Pointer: p.Path, Msg: p.Msg}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return &LoadError{out}
}

// nearestOffset falls back to the closest enclosing value that was found.
func nearestOffset(offs map[string]int64, ptr string) int64 {
	for ptr != "" {
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			break
		}
		ptr = ptr[:i]
		if off, ok := offs[ptr]; ok {
			return off
		}
	}
	return 0
}

// pointerOffsets scans the document once and returns, for each wanted JSON
// Pointer, the byte offset where it starts: the member name for an object
// member, the value for an array element. It only runs when there is an
// error to report.
func pointerOffsets(data []byte, want map[string]bool) map[string]int64 {
	offs := make(map[string]int64, len(want))
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	for len(offs) < len(want) {
		before := dec.InputOffset()
		tok, err := dec.ReadToken()
		if err != nil {
			break
		}
		k := tok.Kind()
		if k == '}' || k == ']' {
			continue
		}
		ptr := string(dec.StackPointer())
		if want[ptr] {
			if _, seen := offs[ptr]; !seen {
				offs[ptr] = skipSeparators(data, before)
			}
		}
	}
	return offs
}

func skipSeparators(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// LooksLikePlan reports whether data is an encrypted file or a JSON
// object whose "format" is this package's: what a merge driver asks
// before treating a file as a plan rather than as any other JSON.
func LooksLikePlan(data []byte) bool {
	if EncryptedData(data) {
		return true
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return false
	}
	for dec.PeekKind() == '"' {
		key, err := dec.ReadToken()
		if err != nil {
			return false
		}
		if key.String() == "format" {
			v, err := dec.ReadToken()
			return err == nil && v.Kind() == '"' && v.String() == FormatVersion
		}
		if err := dec.SkipValue(); err != nil {
			return false
		}
	}
	return false
}
