package storage

import (
	"fmt"
	"strings"
	"testing"
)

func TestImportAThousandRows(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("ID,ParentId,Name,Title\n")
	for i := 1; i <= 1000; i++ {
		parent := ""
		if i > 1 {
			parent = fmt.Sprint(i / 2)
		}
		fmt.Fprintf(&b, "%d,%s,Unit %d,Purpose %d\n", i, parent, i, i)
	}
	o, err := ImportCSV("big.csv", strings.NewReader(b.String()), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if o.UnitCount() != 1000 || len(o.Units) != 1 || o.Unit("7").Parent().ID != "3" || o.Unit("7").Purpose != "Purpose 7" {
		t.Fatalf("%d units", o.UnitCount())
	}
	if o.Unit("1000").Depth() != 9 {
		t.Fatalf("depth %d", o.Unit("1000").Depth())
	}
}

func TestImportProblemsNameTheLine(t *testing.T) {
	t.Parallel()
	cases := []struct{ csv, want string }{
		{"id,name\n1,a\n", `x.csv:1:1: missing column "parentId"`},
		{"id,parentId\n1,\n2,1\n3,9\n", `x.csv:4:3: parentId "9" is not an id in the file`},
		{"id,parentId\n1,\n2,4\n3,2\n4,3\n", `x.csv:3:3: parentId cycle: "2" → "4" → "3" → "2"`},
		{"id,parentId\n1,\n,1\n", `x.csv:3:1: empty id`},
		{"id,parentId\n1,\n1,2\n2,1\n", `x.csv:3:3: id "1" has parentId "2" here but "" on line 2`},
		{"id,parentId\n5,5\n", `x.csv:2:3: row "5" is its own parent`},
		{"", `x.csv:1:1: the file is empty`},
		{"id,parentId\n", `x.csv:2:1: no rows after the header`},
		{"id,parentId\n\"1,\n", `x.csv:2:1: not valid CSV: a quoted field is never closed`},
	}
	for _, c := range cases {
		_, err := ImportCSV("x.csv", strings.NewReader(c.csv), ImportOptions{})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %s", c.csv, err, c.want)
		}
	}
	// In people mode an id is one person.
	_, err := ImportCSV("x.csv", strings.NewReader("id,parentId,name\n1,,A\n1,,B\n"), ImportOptions{People: true})
	if err == nil || !strings.Contains(err.Error(), `x.csv:3:1: duplicate id "1" (first on line 2)`) {
		t.Errorf("people duplicate: %v", err)
	}
}

func TestImportPeople(t *testing.T) {
	t.Parallel()
	csv := "id,parentId,name,title,department\n1,,Ana,Chair,Steering\n2,1,Ben,Steward,Nights\n3,2,Cy,Member,\n4,1,Di,Treasurer,\n"
	o, err := ImportCSV("staff.csv", strings.NewReader(csv), ImportOptions{People: true})
	if err != nil {
		t.Fatal(err)
	}
	// Ana heads Steering; Ben, who has a report, heads Nights under it; Di
	// holds her post in Steering; Cy in Nights.
	steer := o.Unit("u-1")
	if steer == nil || steer.Name != "Steering" || len(steer.Posts) != 2 || steer.Posts[1].Holder != "4" {
		t.Fatalf("steering: %+v", steer)
	}
	nights := o.Unit("u-2")
	if nights == nil || nights.Parent() != steer || nights.Posts[0].Title != "Steward" || nights.Posts[1].Holder != "3" {
		t.Fatalf("nights: %+v", nights)
	}
	if len(o.Members) != 4 || o.Name != "staff" {
		t.Fatalf("%d members, name %q", len(o.Members), o.Name)
	}
}
