package model_test

import (
	"bytes"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
)

var viewSecret = []byte("test secret for views, 32 bytes!")

func view(t *testing.T, o *model.Org, member string) []byte {
	t.Helper()
	v, err := model.View(o, member, model.ViewOptions{Depth: -1, Secret: viewSecret})
	if err != nil {
		t.Fatalf("%s: %v", member, err)
	}
	return encode(t, v)
}

// allowedText is everything a member's view may name: the units they sit
// in with all under them and the unit above each, and everyone in them.
func allowedText(o *model.Org, member string) string {
	var b strings.Builder
	seen := map[*model.Unit]bool{}
	add := func(u *model.Unit) {
		if u == nil || seen[u] {
			return
		}
		seen[u] = true
		b.WriteString(u.Name + "\n" + u.Purpose + "\n")
		for _, id := range []string{u.Liaison} {
			b.WriteString(o.MemberLabel(id) + "\n")
		}
		for _, p := range u.Posts {
			b.WriteString(p.Title + "\n" + o.FunctionName(p.Function) + "\n" + o.MemberLabel(p.Holder) + "\n")
			for _, c := range p.Candidates {
				b.WriteString(o.MemberLabel(c) + "\n")
			}
		}
		if k := o.Kind(u.Kind); k != nil {
			b.WriteString(k.Name + "\n")
		}
	}
	for _, p := range append(o.Held(member), o.Candidacies(member)...) {
		model.WalkUnit(p.Unit(), func(u *model.Unit) bool { add(u); return true })
		add(p.Unit().Parent())
	}
	for _, f := range o.Functions {
		b.WriteString(f.Name + "\n")
	}
	return b.String() + "View for " + o.MemberLabel(member) + "\n" + model.Outsider + "\nthe unit above\nContact"
}

// TestAViewHoldsNothingFromOutside: for every member of the three
// examples, no name, alias, real name or note from outside their part of
// the plan is anywhere in their view's bytes; no two views share an id.
func TestAViewHoldsNothingFromOutside(t *testing.T) {
	t.Parallel()
	idRE := regexp.MustCompile(`"[upm][0-9a-f]{12}"`)
	for _, ex := range []string{"st-petersburg-1902", "union-organizing-committee", "tenant-association"} {
		o := example(t, ex)
		ids := map[string]string{}
		for _, m := range o.Members {
			if len(o.Held(m.ID))+len(o.Candidacies(m.ID)) == 0 {
				continue
			}
			got := view(t, o, m.ID)
			allowed := allowedText(o, m.ID)
			var secrets []string
			o.Walk(func(u *model.Unit) bool {
				secrets = append(secrets, u.Name, u.Notes, u.Purpose)
				for _, p := range u.Posts {
					secrets = append(secrets, p.Notes)
				}
				return true
			})
			for _, x := range o.Members {
				secrets = append(secrets, x.Alias, x.Name, x.Background, x.Notes, `"`+x.ID+`"`)
			}
			secrets = append(secrets, o.Name, o.Description)
			for _, s := range secrets {
				if len(s) < 3 || strings.Contains(allowed, s) {
					continue
				}
				if bytes.Contains(got, []byte(s)) {
					t.Errorf("%s: the view for %s holds %q", ex, m.Alias, s)
				}
			}
			for _, id := range idRE.FindAll(got, -1) {
				if who, ok := ids[string(id)]; ok && who != m.ID {
					t.Errorf("%s: the views for %s and %s share the id %s", ex, who, m.ID, id)
				}
				ids[string(id)] = m.ID
			}
		}
	}
}

// TestAViewIsItsScopeOnly: a secret sibling added, or a unit outside
// renamed, leaves the view byte for byte; the grandparent never shows; a
// unit more secret than the member's own is left out; an unaware circle
// does not learn its parent's name.
func TestAViewIsItsScopeOnly(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	kolya := "m19" // Printing group, under the committee
	if o.Member(kolya) == nil || o.Member(kolya).Alias != "Kolya" {
		t.Fatal("the example changed: Kolya is not m19")
	}
	before := view(t, o, kolya)
	if _, err := o.Apply(model.AddUnit{Parent: "u3", Index: -1, Unit: &model.Unit{ID: "u900", Name: "Secret cellar"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Apply(model.RenameUnit{ID: "u5", Name: "Vyborg side group"}); err != nil {
		t.Fatal(err)
	}
	if after := view(t, o, kolya); !bytes.Equal(before, after) {
		t.Fatalf("an edit outside the view changed it:\n%s\n---\n%s", before, after)
	}
	// Zoya, new, holds a post in the rolling mill shop circle only: its
	// parent (Putilov works) shows, the committee above it never.
	if _, err := o.Apply(model.AddMember{Index: -1, Member: model.Member{ID: "m900", Alias: "Zoya"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Apply(model.AddPost{Unit: "u17", Index: -1, Post: model.Post{ID: "p900", Title: "Reader", Holder: "m900"}}); err != nil {
		t.Fatal(err)
	}
	cell := &model.Unit{ID: "u901", Name: "Cipher cell", Secrecy: model.SecrecyStrict,
		Posts: []*model.Post{{ID: "p902", Title: "Cipher clerk", Holder: "m19"}}}
	if _, err := o.Apply(model.AddUnit{Parent: "u17", Index: -1, Unit: cell}); err != nil {
		t.Fatal(err)
	}
	zoya := view(t, o, "m900")
	if bytes.Contains(zoya, []byte("Cipher")) {
		t.Errorf("Zoya's low circle sees the strict unit under it")
	}
	if !bytes.Contains(zoya, []byte("the unit above")) || bytes.Contains(zoya, []byte("Putilov")) || bytes.Contains(zoya, []byte("St. Petersburg")) {
		t.Errorf("Zoya's low circle learns the name of its more secret parent, or the grandparent's:\n%s", zoya)
	}
	// Made strict, her circle may know its parent; never the one above.
	d := o.Unit("u17").Details()
	d.Secrecy = model.SecrecyStrict
	if _, err := o.Apply(model.SetDetails{ID: "u17", Details: d}); err != nil {
		t.Fatal(err)
	}
	zoya = view(t, o, "m900")
	if !bytes.Contains(zoya, []byte("Putilov works subcommittee")) || bytes.Contains(zoya, []byte("St. Petersburg")) {
		t.Errorf("Zoya's view shows the grandparent, or not the parent:\n%s", zoya)
	}
	for _, m := range o.Members {
		if m.Alias != "Matvei" {
			continue
		}
		v, err := model.View(o, m.ID, model.ViewOptions{Depth: -1, Secret: viewSecret})
		if err != nil {
			t.Fatal(err)
		}
		most := 0
		for _, p := range append(o.Held(m.ID), o.Candidacies(m.ID)...) {
			most = max(most, o.UnitSecrecy(p.Unit()).Rank())
		}
		v.Walk(func(u *model.Unit) bool {
			if len(u.Posts) > 0 && u.Posts[0].Title != "Contact" && v.UnitSecrecy(u).Rank() > most {
				t.Errorf("Matvei's view shows %s, more secret than his own units", u.Name)
			}
			return true
		})
	}
	unaware := o.Unit("u34")
	if unaware == nil || o.UnitAffiliation(unaware) != model.AffiliationUnaware {
		t.Fatal("the example changed: u34 is not the unaware circle")
	}
	// Yuri, new, sits in the unaware circle only.
	if _, err := o.Apply(model.AddMember{Index: -1, Member: model.Member{ID: "m901", Alias: "Yuri"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Apply(model.AddPost{Unit: "u34", Index: -1, Post: model.Post{ID: "p901", Title: "Member", Holder: "m901"}}); err != nil {
		t.Fatal(err)
	}
	if yuri := view(t, o, "m901"); !bytes.Contains(yuri, []byte("the unit above")) || bytes.Contains(yuri, []byte("St. Petersburg")) {
		t.Errorf("the unaware circle learns its parent's name:\n%s", yuri)
	}
}

// TestViewsCopyFieldsByName: every field of the model is either copied
// into views or withheld, by name; a field added to the format fails here
// until someone decides.
func TestViewsCopyFieldsByName(t *testing.T) {
	t.Parallel()
	decided := map[string]string{
		"Org":    "Name Description AsOf Functions Kinds Members Units Conflicts Team ViewFor",
		"Unit":   "ID Name Kind Secrecy Affiliation Purpose ReportsTo ReportEveryDays LastReport ContactsDeposited Notes Liaison ReportLiaisons Headcount Posts Units",
		"Post":   "ID Title Function Holder Candidates ReadyLater Notes",
		"Member": "ID Alias Name Background Status Skills Notes",
		"Kind":   "ID Name Description Secrecy Affiliation MaxPosts RequiredFunctions AllowedFunctions ReportEveryDays CoverageRatio",
	}
	for _, typ := range []any{model.Org{}, model.Unit{}, model.Post{}, model.Member{}, model.Kind{}} {
		rt := reflect.TypeOf(typ)
		known := strings.Fields(decided[rt.Name()])
		for i := range rt.NumField() {
			f := rt.Field(i)
			if f.IsExported() && !slices.Contains(known, f.Name) {
				t.Errorf("%s.%s is new: decide in model/view.go whether views carry it, then list it here", rt.Name(), f.Name)
			}
		}
	}
}

// TestRevealsCountsTheView: the counts Reveals makes without the view
// are the view's own, for every member of the examples.
func TestRevealsCountsTheView(t *testing.T) {
	t.Parallel()
	for _, ex := range []string{"st-petersburg-1902", "union-organizing-committee", "tenant-association"} {
		o := example(t, ex)
		for _, m := range o.Members {
			v, err := model.View(o, m.ID, model.ViewOptions{Depth: -1})
			members, units := model.Reveals(o, m.ID)
			if err != nil {
				if members != 0 || units != 0 {
					t.Errorf("%s: %s has no view but reveals %d, %d", ex, m.Alias, members, units)
				}
				continue
			}
			if members != len(v.Members)-1 || units != v.UnitCount() {
				t.Errorf("%s: %s: Reveals %d members %d units, the view %d and %d", ex, m.Alias, members, units, len(v.Members)-1, v.UnitCount())
			}
		}
	}
}
