package storage

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

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

// csvRow is one data row and where it was.
type csvRow struct {
	line     int
	id, par  string
	get      func(col string) string
	idCol    int // the character column of the id field, for messages
	parCol   int // and of the parentId field
	children []int
}

// csvColumns maps the header names org-chart tools use (lower case, with
// spaces, "_" and "-" dropped) to the column each means here.
var csvColumns = map[string]string{
	"id": "id", "nodeid": "id", "employeeid": "id",
	"parentid": "parentid", "parent": "parentid", "pid": "parentid", "manager": "parentid",
	"managerid": "parentid", "reportsto": "parentid",
	"name": "name", "fullname": "name",
	"title": "title", "position": "title", "jobtitle": "title", "role": "title",
	"department": "department", "departmentname": "department", "dept": "department", "team": "department",
	// orgplan's own CSV export
	"unitpath": "unitpath", "postid": "postid", "post": "post", "function": "function",
	"holder": "holder", "candidates": "candidates",
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
	cr := newCSVReader(data)
	header, err := cr.next()
	if err != nil {
		return nil, csvError(name, err)
	}
	if header == nil {
		return nil, importErr(name, 1, 1, "the file is empty; a header row with id and parentId is needed")
	}
	cols := map[string]int{}
	var ignored []string
	for i, h := range header {
		if !utf8.ValidString(h.text) {
			return nil, importErr(name, h.line, h.col, "not valid UTF-8; save the spreadsheet as UTF-8 CSV")
		}
		col, known := csvColumns[csvKey.Replace(strings.ToLower(strings.TrimSpace(h.text)))]
		if !known {
			ignored = append(ignored, visible.Quote(h.text))
			continue
		}
		if _, dup := cols[col]; !dup {
			cols[col] = i
		}
	}
	idCol, ok := cols["id"]
	parCol, ok2 := cols["parentid"]
	var missing []string
	if !ok {
		missing = append(missing, `"id"`)
	}
	if !ok2 {
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
	var rows []*csvRow
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
			case !utf8.ValidString(f.text):
				return nil, importErr(name, f.line, f.col, "not valid UTF-8; save the spreadsheet as UTF-8 CSV")
			case len(f.text) > MaxText:
				probs = append(probs, Problem{File: name, Line: f.line, Col: f.col,
					Msg: fmt.Sprintf("text of %d bytes is longer than the limit of %d", len(f.text), MaxText)})
			}
		}
		pos := func(col int) int {
			if col < len(rec) {
				return rec[col].col
			}
			return 1
		}
		get := func(col string) string {
			i, ok := cols[col]
			if !ok || i >= len(rec) {
				return ""
			}
			return UnprotectCell(rec[i].text)
		}
		rows = append(rows, &csvRow{line: rec[0].line, id: get("id"), par: get("parentid"), get: get, idCol: pos(idCol), parCol: pos(parCol)})
	}
	if len(probs) > 0 {
		return nil, &LoadError{Problems: probs}
	}
	if len(rows) == 0 {
		return nil, importErr(name, 2, 1, "no rows after the header")
	}
	units, order, probs := linkRows(name, rows, opts.People)
	if len(probs) > 0 {
		return nil, &LoadError{Problems: probs}
	}
	d := &FileDoc{Format: FormatVersion, Name: opts.Name}
	if d.Name == "" {
		d.Name = strings.TrimSuffix(baseName(name), ".csv")
	}
	b := &builder{doc: d, members: map[string]string{}, functions: map[string]string{}}
	if opts.People {
		b.people(rows, units, order)
	} else {
		b.units(rows, units, order)
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

// linkRows checks ids and parents and returns, per distinct id, the index
// of its first row, and the ids in file order. In units mode repeated ids
// are rows of one unit; in people mode an id is one person.
func linkRows(name string, rows []*csvRow, people bool) (map[string]int, []string, []Problem) {
	first := map[string]int{}
	var order []string
	var probs []Problem
	bad := func(r *csvRow, col int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: r.line, Col: col, Msg: fmt.Sprintf(format, args...)})
	}
	for i, r := range rows {
		switch j, seen := first[r.id]; {
		case r.id == "":
			bad(r, r.idCol, "empty id")
		case seen && people:
			bad(r, r.idCol, "duplicate id %s (first on line %d)", visible.Quote(r.id), rows[j].line)
		case seen && rows[j].par != r.par:
			bad(r, r.parCol, "id %s has parentId %s here but %s on line %d", visible.Quote(r.id), visible.Quote(r.par), visible.Quote(rows[j].par), rows[j].line)
		case seen && (r.get("post") == "" || rows[j].get("post") == "" || r.get("name") != rows[j].get("name")):
			// Only orgplan's own export repeats an id: one row per post
			// of a unit, each with the unit's name.
			bad(r, r.idCol, "duplicate id %s (first on line %d)", visible.Quote(r.id), rows[j].line)
		case !seen:
			first[r.id] = i
			order = append(order, r.id)
		}
	}
	for _, id := range order {
		r := rows[first[id]]
		if r.par == "" {
			continue
		}
		if r.par == r.id {
			bad(r, r.parCol, "row %s is its own parent", visible.Quote(r.id))
			continue
		}
		if _, ok := first[r.par]; !ok {
			bad(r, r.parCol, "parentId %s is not an id in the file", visible.Quote(r.par))
			continue
		}
		rows[first[r.par]].children = append(rows[first[r.par]].children, first[id])
	}
	if len(probs) > 0 {
		return nil, nil, probs
	}
	// A row that never reaches a root through its parents is in a cycle.
	state := map[string]int{} // 0 unvisited, 1 on the path, 2 reaches a root
	for _, id := range order {
		var path []string
		cur := id
		for state[cur] == 0 {
			state[cur] = 1
			path = append(path, cur)
			p := rows[first[cur]].par
			if p == "" {
				break
			}
			cur = p
		}
		if state[cur] == 1 && rows[first[cur]].par != "" {
			// cur is on the current path: a cycle from cur.
			i := indexOfString(path, cur)
			cyc := append(append([]string(nil), path[i:]...), cur)
			r := rows[first[cur]]
			for i := range cyc {
				cyc[i] = visible.Quote(cyc[i])
			}
			bad(r, r.parCol, "parentId cycle: %s", strings.Join(cyc, " → "))
			for _, c := range path {
				state[c] = 2
			}
			return nil, nil, probs
		}
		for _, c := range path {
			state[c] = 2
		}
	}
	if p := tooDeep(name, rows, first, order, people); p != nil {
		return nil, nil, []Problem{*p}
	}
	return first, order, nil
}

// tooDeep finds the first row that would make units nest past the
// loader's limit, walking parents without recursion (a chain may be a
// million rows long). In people mode only those with reports head a unit.
func tooDeep(name string, rows []*csvRow, first map[string]int, order []string, people bool) *Problem {
	depth := make(map[string]int, len(order))
	var path []string
	for _, id := range order {
		path = path[:0]
		cur := id
		for cur != "" {
			if _, ok := depth[cur]; ok {
				break
			}
			path = append(path, cur)
			cur = rows[first[cur]].par
		}
		d := 0
		if cur != "" {
			d = depth[cur]
		}
		for i := len(path) - 1; i >= 0; i-- {
			d++
			depth[path[i]] = d
		}
	}
	for _, id := range order {
		r := rows[first[id]]
		limit := model.MaxDepth
		if people && len(r.children) == 0 {
			limit++ // holds a post in the manager's unit
		}
		if depth[id] > limit {
			return &Problem{File: name, Line: r.line, Col: r.parCol,
				Msg: fmt.Sprintf("row %s is nested %d levels deep; plans nest at most %d", visible.Quote(id), depth[id], model.MaxDepth)}
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

func (b *builder) postID(want string, used map[string]bool) string {
	if want != "" && !used[want] {
		used[want] = true
		return want
	}
	for {
		b.posts++
		id := "p" + strconv.Itoa(b.posts)
		if !used[id] {
			used[id] = true
			return id
		}
	}
}

func (b *builder) units(rows []*csvRow, first map[string]int, order []string) {
	byID := map[string][]*csvRow{}
	for _, r := range rows {
		byID[r.id] = append(byID[r.id], r)
	}
	usedPosts := map[string]bool{}
	var build func(i int) FileUnit
	build = func(i int) FileUnit {
		r := rows[i]
		u := FileUnit{ID: r.id, Name: firstNonEmpty(r.get("name"), r.id), Purpose: r.get("title")}
		if dep := r.get("department"); dep != "" {
			u.Notes = "department: " + dep
		}
		for _, pr := range byID[r.id] {
			title := pr.get("post")
			if title == "" {
				continue
			}
			p := FilePost{ID: b.postID(pr.get("postid"), usedPosts), Title: title, Function: b.function(pr.get("function")),
				Holder: b.member(pr.get("holder"))}
			for _, c := range SplitList(pr.get("candidates")) {
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
	for _, id := range order {
		if rows[first[id]].par == "" {
			b.doc.Units = append(b.doc.Units, build(first[id]))
		}
	}
}

func (b *builder) people(rows []*csvRow, first map[string]int, order []string) {
	usedPosts := map[string]bool{}
	memberOf := func(r *csvRow) string {
		id := r.id
		b.doc.Members = append(b.doc.Members, FileMember{ID: id, Alias: firstNonEmpty(r.get("name"), r.id)})
		return id
	}
	post := func(r *csvRow, holder string) FilePost {
		return FilePost{ID: b.postID("", usedPosts), Title: firstNonEmpty(r.get("title"), "Member"), Holder: holder}
	}
	var build func(i int) FileUnit
	build = func(i int) FileUnit {
		r := rows[i]
		name := r.get("department")
		if name == "" {
			name = firstNonEmpty(r.get("name"), r.id) + "'s team"
		}
		u := FileUnit{ID: "u-" + r.id, Name: name}
		u.Posts = append(u.Posts, post(r, memberOf(r)))
		for _, c := range r.children {
			cr := rows[c]
			if len(cr.children) > 0 {
				u.Units = append(u.Units, build(c))
			} else {
				u.Posts = append(u.Posts, post(cr, memberOf(cr)))
			}
		}
		return u
	}
	for _, id := range order {
		if rows[first[id]].par == "" {
			b.doc.Units = append(b.doc.Units, build(first[id]))
		}
	}
}
