package storage

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/visible"
)

// ImportOptions shape a CSV import.
type ImportOptions struct {
	// People reads each row as a person rather than a unit: see ImportCSV.
	People bool
	Name   string // the plan's name; "" takes the file name
	// Warn, when set, hears what the import passed over (columns it does
	// not know), in one line.
	Warn func(string)
}

// column is a column import knows.
type column int

const (
	colID column = iota
	colParent
	colName
	colTitle
	colDepartment
	colUnitPath
	colPostID
	colPost
	colFunction
	colHolder
	colCandidates
	numColumns
)

// fieldOf is, for each column, the field of a record that holds it, or -1.
type fieldOf [numColumns]int

// csvRow is one data row and where it was.
type csvRow struct {
	rec      []csvField
	at       *fieldOf
	id, par  string
	parent   int // the row of the parent's id, -1 for a root
	next     int // the next row with this id (a unit's further posts), -1 for none
	tail     int // on an id's first row: its last row so far
	children []int
}

// get is the row's cell in column c, a spreadsheet's protection taken off.
func (r *csvRow) get(c column) string {
	i := r.at[c]
	if i < 0 || i >= len(r.rec) {
		return ""
	}
	return UnprotectCell(r.rec[i].text)
}

// line is the row's first line in the file.
func (r *csvRow) line() int { return r.rec[0].line }

// colOf is the character column where the row's cell in c starts, for
// messages.
func (r *csvRow) colOf(c column) int {
	if i := r.at[c]; i >= 0 && i < len(r.rec) {
		return r.rec[i].col
	}
	return 1
}

// csvColumns maps the header names org-chart tools use (lower case, with
// spaces, "_" and "-" dropped) to the column each means here.
var csvColumns = map[string]column{
	"id": colID, "nodeid": colID, "employeeid": colID,
	"parentid": colParent, "parent": colParent, "pid": colParent, "manager": colParent,
	"managerid": colParent, "reportsto": colParent,
	"name": colName, "fullname": colName,
	"title": colTitle, "position": colTitle, "jobtitle": colTitle, "role": colTitle,
	"department": colDepartment, "departmentname": colDepartment, "dept": colDepartment, "team": colDepartment,
	// orgplan's own CSV export
	"unitpath": colUnitPath, "postid": colPostID, "post": colPost, "function": colFunction,
	"holder": colHolder, "candidates": colCandidates,
}

// csvKey normalizes a header name for csvColumns.
var csvKey = strings.NewReplacer("_", "", "-", "", " ", "")

// ImportCSV reads the common org-chart CSV: a header row; columns id and
// parentId required (parentId empty for a root), matched by name whatever
// their case, with the names other tools give them (parent_id, pid,
// manager; position for title; department_name for department).
//
// As units (the default), each row is a unit: name (or the id) its name,
// title its purpose. Rows sharing an id add posts to one unit, from the
// columns orgplan's own CSV export writes: post, postId, function, holder
// and candidates (aliases separated by ";"); members and functions are
// created from the names found there.
//
// As people (opts.People), each row is a person, who becomes a member
// holding a post titled by the title column ("Member" if none). Everyone
// with people reporting to them heads a unit of their own, named by their
// department column or "<name>'s team", and holds their post there; the
// others hold theirs in their manager's unit.
//
// Fields are kept exactly (CRLF inside quotes too); a cell that export
// protected from spreadsheet formulas loses its leading "'". Every problem
// (missing column, duplicate or empty id, unknown parent, a cycle of
// parents, nesting past the loader's limit, text past MaxText) is
// reported with its line, all at once: whatever import writes, orgplan
// opens.
func ImportCSV(name string, r io.Reader, opts ImportOptions) (*model.Org, error) {
	// A reader that knows its length (the command's bytes.Reader) is read
	// into one buffer of that size: grown by doubling, a 100k-row file was
	// copied a dozen times, a quarter of the import.
	var size int64
	if l, ok := r.(interface{ Len() int }); ok {
		size = int64(l.Len())
	}
	data, err := readLimited(name, r, size)
	if err != nil {
		return nil, err
	}
	// The text shares the buffer, which nothing writes to again: the
	// fields are slices of it, not copies, and the plan's names keep it
	// alive, no more than the file's size.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	// Checked once whole; a field at a time only to say where it fails.
	valid := utf8.ValidString(text)
	cr := newCSVReader(text)
	header, err := cr.next()
	if err != nil {
		return nil, csvError(name, err)
	}
	if header == nil {
		return nil, importErr(name, 1, 1, "the file is empty; a header row with id and parentId is needed")
	}
	at := new(fieldOf)
	for c := range at {
		at[c] = -1
	}
	var ignored []string
	for i, h := range header {
		if !valid && !utf8.ValidString(h.text) {
			return nil, importErr(name, h.line, h.col, "not valid UTF-8; save the spreadsheet as UTF-8 CSV")
		}
		col, known := csvColumns[csvKey.Replace(strings.ToLower(strings.TrimSpace(h.text)))]
		if !known {
			ignored = append(ignored, visible.Quote(h.text))
			continue
		}
		if at[col] < 0 {
			at[col] = i
		}
	}
	var missing []string
	if at[colID] < 0 {
		missing = append(missing, `"id"`)
	}
	if at[colParent] < 0 {
		missing = append(missing, `"parentId"`)
	}
	if len(missing) > 0 {
		names := make([]string, len(header))
		for i, h := range header {
			names[i] = visible.Quote(h.text)
		}
		return nil, importErr(name, 1, 1, fmt.Sprintf("missing column %s (the header has: %s)", strings.Join(missing, " and "), strings.Join(names, ", ")))
	}
	if len(ignored) > 0 && opts.Warn != nil {
		opts.Warn(fmt.Sprintf("%s: ignored column%s %s", visible.String(name), plural(len(ignored)), strings.Join(ignored, ", ")))
	}
	var rows []csvRow
	var probs []Problem
	for {
		rec, err := cr.next()
		if err != nil {
			return nil, csvError(name, err)
		}
		if rec == nil {
			break
		}
		for _, f := range rec {
			switch {
			case !valid && !utf8.ValidString(f.text):
				return nil, importErr(name, f.line, f.col, "not valid UTF-8; save the spreadsheet as UTF-8 CSV")
			case len(f.text) > MaxText:
				probs = append(probs, Problem{File: name, Line: f.line, Col: f.col,
					Msg: fmt.Sprintf("text of %d bytes is longer than the limit of %d", len(f.text), MaxText)})
			}
		}
		r := csvRow{rec: rec, at: at, parent: -1, next: -1}
		r.id, r.par = r.get(colID), r.get(colParent)
		rows = append(rows, r)
	}
	if len(probs) > 0 {
		return nil, &LoadError{Problems: probs}
	}
	if len(rows) == 0 {
		return nil, importErr(name, 2, 1, "no rows after the header")
	}
	order, probs := linkRows(name, rows, opts.People)
	if len(probs) > 0 {
		return nil, &LoadError{Problems: probs}
	}
	d := &FileDoc{Format: FormatVersion, Name: opts.Name}
	if d.Name == "" {
		d.Name = strings.TrimSuffix(baseName(name), ".csv")
	}
	b := &builder{doc: d, members: make(map[string]string, len(order)), functions: map[string]string{},
		usedPosts: make(map[string]bool, len(rows))}
	if opts.People {
		b.people(rows, order)
	} else {
		b.units(rows, order)
	}
	o := d.toModel(nil)
	if p := o.Reindex(); len(p) > 0 {
		return nil, importErr(name, 1, 1, "the imported plan is not valid: "+p[0].Error())
	}
	return o, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func importErr(name string, line, col int, msg string) error {
	return &LoadError{Problems: []Problem{{File: name, Line: line, Col: col, Msg: msg}}}
}

func csvError(name string, err error) error {
	var se *csvSyntaxError
	if errors.As(err, &se) {
		return importErr(name, se.line, se.col, "not valid CSV: "+se.msg)
	}
	return importErr(name, 1, 1, err.Error())
}

// linkRows checks ids and parents and returns the first row of each
// distinct id, in file order. In units mode a repeated id's rows are one
// unit's posts, chained from its first row by next; in people mode an id
// is one person. It sets each first row's parent and children.
func linkRows(name string, rows []csvRow, people bool) ([]int, []Problem) {
	first := make(map[string]int, len(rows))
	var order []int
	var probs []Problem
	bad := func(r *csvRow, col int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: r.line(), Col: col, Msg: fmt.Sprintf(format, args...)})
	}
	for i := range rows {
		r := &rows[i]
		j, seen := first[r.id]
		switch {
		case r.id == "":
			bad(r, r.colOf(colID), "empty id")
		case seen && people:
			bad(r, r.colOf(colID), "duplicate id %s (first on line %d)", visible.Quote(r.id), rows[j].line())
		case seen && rows[j].par != r.par:
			bad(r, r.colOf(colParent), "id %s has parentId %s here but %s on line %d", visible.Quote(r.id), visible.Quote(r.par), visible.Quote(rows[j].par), rows[j].line())
		case seen && (r.get(colPost) == "" || rows[j].get(colPost) == "" || r.get(colName) != rows[j].get(colName)):
			// Only orgplan's own export repeats an id: one row per post
			// of a unit, each with the unit's name.
			bad(r, r.colOf(colID), "duplicate id %s (first on line %d)", visible.Quote(r.id), rows[j].line())
		case seen:
			rows[rows[j].tail].next = i
			rows[j].tail = i
		default:
			first[r.id] = i
			r.tail = i
			order = append(order, i)
		}
	}
	for _, i := range order {
		r := &rows[i]
		if r.par == "" {
			continue
		}
		if r.par == r.id {
			bad(r, r.colOf(colParent), "row %s is its own parent", visible.Quote(r.id))
			continue
		}
		p, ok := first[r.par]
		if !ok {
			bad(r, r.colOf(colParent), "parentId %s is not an id in the file", visible.Quote(r.par))
			continue
		}
		r.parent = p
		rows[p].children = append(rows[p].children, i)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	// A row that never reaches a root through its parents is in a cycle.
	state := make([]int8, len(rows)) // 0 unvisited, 1 on the path, 2 reaches a root
	var path []int
	for _, i := range order {
		path = path[:0]
		cur := i
		for cur >= 0 && state[cur] == 0 {
			state[cur] = 1
			path = append(path, cur)
			cur = rows[cur].parent
		}
		if cur >= 0 && state[cur] == 1 {
			// cur is on the current path: a cycle from cur.
			k := 0
			for path[k] != cur {
				k++
			}
			var cyc []string
			for _, c := range append(path[k:], cur) {
				cyc = append(cyc, visible.Quote(rows[c].id))
			}
			r := &rows[cur]
			bad(r, r.colOf(colParent), "parentId cycle: %s", strings.Join(cyc, " → "))
			return nil, probs
		}
		for _, c := range path {
			state[c] = 2
		}
	}
	if p := tooDeep(name, rows, order, people); p != nil {
		return nil, []Problem{*p}
	}
	return order, nil
}

// tooDeep finds the first row that would make units nest past the
// loader's limit, walking parents without recursion (a chain may be a
// million rows long). In people mode only those with reports head a unit.
func tooDeep(name string, rows []csvRow, order []int, people bool) *Problem {
	depth := make([]int32, len(rows)) // 0 not yet known
	var path []int
	for _, i := range order {
		path = path[:0]
		cur := i
		for cur >= 0 && depth[cur] == 0 {
			path = append(path, cur)
			cur = rows[cur].parent
		}
		var d int32
		if cur >= 0 {
			d = depth[cur]
		}
		for k := len(path) - 1; k >= 0; k-- {
			d++
			depth[path[k]] = d
		}
	}
	for _, i := range order {
		r := &rows[i]
		limit := model.MaxDepth
		if people && len(r.children) == 0 {
			limit++ // holds a post in the manager's unit
		}
		if int(depth[i]) > limit {
			return &Problem{File: name, Line: r.line(), Col: r.colOf(colParent),
				Msg: fmt.Sprintf("row %s is nested %d levels deep; plans nest at most %d", visible.Quote(r.id), depth[i], model.MaxDepth)}
		}
	}
	return nil
}

func indexOfString(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// builder assembles the file form of an imported plan.
type builder struct {
	doc       *FileDoc
	members   map[string]string // alias → member id
	functions map[string]string // name → function id
	usedPosts map[string]bool
	posts     int
}

func (b *builder) member(alias string) string {
	if alias == "" {
		return ""
	}
	if id, ok := b.members[alias]; ok {
		return id
	}
	id := "m" + strconv.Itoa(len(b.members)+1)
	b.members[alias] = id
	b.doc.Members = append(b.doc.Members, FileMember{ID: id, Alias: alias})
	return id
}

func (b *builder) function(name string) string {
	if name == "" {
		return ""
	}
	if id, ok := b.functions[name]; ok {
		return id
	}
	id := slug(name)
	for n := 2; b.functionTaken(id); n++ {
		id = slug(name) + "-" + strconv.Itoa(n)
	}
	b.functions[name] = id
	b.doc.Functions = append(b.doc.Functions, FileFunction{ID: id, Name: name})
	return id
}

func (b *builder) functionTaken(id string) bool {
	for _, f := range b.doc.Functions {
		if f.ID == id {
			return true
		}
	}
	return false
}

func slug(s string) string {
	var out []rune
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			out = append(out, r)
			dash = false
		} else if !dash && len(out) > 0 {
			out = append(out, '-')
			dash = true
		}
	}
	if len(out) == 0 {
		return "function"
	}
	return strings.TrimSuffix(string(out), "-")
}

func (b *builder) postID(want string) string {
	if want != "" && !b.usedPosts[want] {
		b.usedPosts[want] = true
		return want
	}
	for {
		b.posts++
		id := "p" + strconv.Itoa(b.posts)
		if !b.usedPosts[id] {
			b.usedPosts[id] = true
			return id
		}
	}
}

func (b *builder) units(rows []csvRow, order []int) {
	var build func(i int) FileUnit
	build = func(i int) FileUnit {
		r := &rows[i]
		u := FileUnit{ID: r.id, Name: firstNonEmpty(r.get(colName), r.id), Purpose: r.get(colTitle)}
		if dep := r.get(colDepartment); dep != "" {
			u.Notes = "department: " + dep
		}
		for k := i; k >= 0; k = rows[k].next {
			pr := &rows[k]
			title := pr.get(colPost)
			if title == "" {
				continue
			}
			p := FilePost{ID: b.postID(pr.get(colPostID)), Title: title, Function: b.function(pr.get(colFunction)),
				Holder: b.member(pr.get(colHolder))}
			for _, c := range SplitList(pr.get(colCandidates)) {
				if id := b.member(c); id != p.Holder && indexOfString(p.Candidates, id) < 0 {
					p.Candidates = append(p.Candidates, id)
				}
			}
			u.Posts = append(u.Posts, p)
		}
		for _, c := range r.children {
			u.Units = append(u.Units, build(c))
		}
		return u
	}
	for _, i := range order {
		if rows[i].par == "" {
			b.doc.Units = append(b.doc.Units, build(i))
		}
	}
}

func (b *builder) people(rows []csvRow, order []int) {
	memberOf := func(r *csvRow) string {
		b.doc.Members = append(b.doc.Members, FileMember{ID: r.id, Alias: firstNonEmpty(r.get(colName), r.id)})
		return r.id
	}
	post := func(r *csvRow, holder string) FilePost {
		return FilePost{ID: b.postID(""), Title: firstNonEmpty(r.get(colTitle), "Member"), Holder: holder}
	}
	var build func(i int) FileUnit
	build = func(i int) FileUnit {
		r := &rows[i]
		name := r.get(colDepartment)
		if name == "" {
			name = firstNonEmpty(r.get(colName), r.id) + "'s team"
		}
		u := FileUnit{ID: "u-" + r.id, Name: name}
		u.Posts = append(u.Posts, post(r, memberOf(r)))
		for _, c := range r.children {
			cr := &rows[c]
			if len(cr.children) > 0 {
				u.Units = append(u.Units, build(c))
			} else {
				u.Posts = append(u.Posts, post(cr, memberOf(cr)))
			}
		}
		return u
	}
	for _, i := range order {
		if rows[i].par == "" {
			b.doc.Units = append(b.doc.Units, build(i))
		}
	}
}
