package storage

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestImportReportsDuplicateIDsInUnitsMode(t *testing.T) {
	t.Parallel()
	_, err := ImportCSV("x.csv", strings.NewReader("id,parentId,name\n1,,A\n2,1,B\n2,1,C\n"), ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), `x.csv:4:1: duplicate id "2" (first on line 3)`) {
		t.Errorf("got %v", err)
	}
	// orgplan's own export repeats a unit's row for each of its posts.
	o, err := ImportCSV("x.csv", strings.NewReader("id,parentId,name,post\n1,,A,Organizer\n1,,A,Treasurer\n"), ImportOptions{})
	if err != nil || len(o.Units[0].Posts) != 2 {
		t.Errorf("post rows: %v", err)
	}
}

func TestImportAMillionDeepChainIsRefusedWithoutRecursion(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("id,parentId\n0,\n")
	const n = 1_000_000
	for i := 1; i < n; i++ {
		b.WriteString(itoa(i) + "," + itoa(i-1) + "\n")
	}
	_, err := ImportCSV("deep.csv", strings.NewReader(b.String()), ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "deep.csv:102:") || !strings.Contains(err.Error(), "nest at most 100") {
		t.Errorf("got %v", err)
	}
	// 100 levels is fine, and opens.
	b.Reset()
	b.WriteString("id,parentId\n0,\n")
	for i := 1; i < 100; i++ {
		b.WriteString(itoa(i) + "," + itoa(i-1) + "\n")
	}
	o, err := ImportCSV("ok.csv", strings.NewReader(b.String()), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := Encode(o)
	if _, err := Decode("ok.json", data); err != nil {
		t.Errorf("what import wrote does not open: %v", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestImportRefusesTextPastTheLoadersLimit(t *testing.T) {
	t.Parallel()
	csv := "id,parentId,name\n1,,\"" + strings.Repeat("x", MaxText+1) + "\"\n"
	_, err := ImportCSV("x.csv", strings.NewReader(csv), ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "x.csv:2:4: text of 100001 bytes is longer than the limit") {
		t.Errorf("got %v", err)
	}
}

func TestImportKnowsOtherToolsColumnsAndWarnsOfTheRest(t *testing.T) {
	t.Parallel()
	csv := "id,parent_id,name,position,department_name,imageUrl,\x1b[31mcolor\n" +
		"1,,Ada,Chair,Board,http://x/a.png,red\n2,1,Bo,Treasurer,Finance,,blue\n"
	var warned []string
	o, err := ImportCSV("d3.csv", strings.NewReader(csv), ImportOptions{Warn: func(s string) { warned = append(warned, s) }})
	if err != nil {
		t.Fatal(err)
	}
	u := o.Units[0]
	if u.Purpose != "Chair" || u.Notes != "department: Board" || u.Units[0].Purpose != "Treasurer" {
		t.Errorf("position/department_name not read: %+v", u)
	}
	if len(warned) != 1 || warned[0] != `d3.csv: ignored columns "imageUrl", "\x1b[31mcolor"` {
		t.Errorf("warnings %q", warned)
	}
	for _, head := range []string{"ID,PID,Name\n", "id,manager,name\n", "node_id,reports_to,full_name\n"} {
		if _, err := ImportCSV("x.csv", strings.NewReader(head+"1,,A\n2,1,B\n"), ImportOptions{}); err != nil {
			t.Errorf("%q: %v", head, err)
		}
	}
}

// TestCSVSpectrum reads every file of csv-spectrum (vendored in testdata
// with its source) and compares the records with the expected JSON.
func TestCSVSpectrum(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/csv-spectrum/csvs/*.csv")
	if len(files) < 12 {
		t.Fatalf("found %d csv-spectrum files", len(files))
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		want, _ := os.ReadFile(strings.Replace(strings.TrimSuffix(f, ".csv")+".json", "/csvs/", "/json/", 1))
		var rows []map[string]string
		if err := json.Unmarshal(want, &rows); err != nil {
			var one map[string]string
			if json.Unmarshal(want, &one) != nil {
				t.Fatal(f, err)
			}
			rows = []map[string]string{one}
		}
		if !utf8.Valid(data) {
			// Not UTF-8 (Latin-1): the importer refuses it at the byte.
			_, err := ImportCSV("x.csv", bytes.NewReader(data), ImportOptions{})
			if err == nil || !strings.Contains(err.Error(), "not valid UTF-8") {
				t.Errorf("%s: %v", f, err)
			}
			continue
		}
		r := newCSVReader(string(data))
		header, err := r.next()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i := 0; ; i++ {
			rec, err := r.next()
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if rec == nil {
				if i != len(rows) {
					t.Errorf("%s: %d records, want %d", f, i, len(rows))
				}
				break
			}
			if i >= len(rows) {
				t.Fatalf("%s: more records than expected", f)
			}
			for j, h := range header {
				if h.text == "Contact Phone Number" {
					continue // csv-spectrum's expected file has another number than its CSV
				}
				if j < len(rec) && rec[j].text != rows[i][h.text] {
					t.Errorf("%s record %d %s: %q, want %q", filepath.Base(f), i, h.text, rec[j].text, rows[i][h.text])
				}
			}
		}
	}
}

func TestProtectedCellsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"=1+1", "+x", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''@", "'", "plain", "", "it's"} {
		p := ProtectCell(s)
		if formulaLike(s) && p[0] != '\'' {
			t.Errorf("%q written as %q", s, p)
		}
		if p != "" && strings.IndexByte("=+-@\t\r", p[0]) >= 0 {
			t.Errorf("%q: the cell %q starts a formula", s, p)
		}
		if back := UnprotectCell(p); back != s {
			t.Errorf("%q → %q → %q", s, p, back)
		}
	}
	for _, list := range [][]string{{"a", "b"}, {"a;b", `c\`}, {" lead", "trail "}, {"x"}} {
		if got := SplitList(JoinList(list)); strings.Join(got, "|") != strings.Join(list, "|") {
			t.Errorf("%q → %q → %q", list, JoinList(list), got)
		}
	}
}

// TestSplitListFastPath checks the unescaped path against the escaped one
// on every cell of up to seven of "a", " " and ";".
func TestSplitListFastPath(t *testing.T) {
	cells := []string{""}
	for n := 0; n < 7; n++ {
		for _, c := range cells {
			if len(c) == n {
				cells = append(cells, c+"a", c+" ", c+";")
			}
		}
	}
	for _, c := range cells {
		if got, want := SplitList(c), splitEscaped(c); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("SplitList(%q) = %q, want %q", c, got, want)
		}
	}
}
