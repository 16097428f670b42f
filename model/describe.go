package model

import "fmt"

// Describe names a change by what it touches in the plan as it is before
// the change: "delete «Executive group» and 3 sub-units", not "delete
// unit u13". History keeps it for the messages of undo and redo. Ops that
// carry their own names describe themselves.
func Describe(o *Org, op Op) string {
	unit := func(id string) string {
		if u := o.Unit(id); u != nil {
			return quote(u.Name)
		}
		return id
	}
	post := func(id string) string {
		if p := o.Post(id); p != nil {
			return quote(p.Title) + " in " + quote(p.Unit().Name)
		}
		return id
	}
	switch op := op.(type) {
	case DeleteUnit:
		u := o.Unit(op.ID)
		if u == nil {
			break
		}
		subs := -1
		WalkUnit(u, func(*Unit) bool { subs++; return true })
		if subs > 0 {
			return fmt.Sprintf("delete %s and %d sub-unit%s", quote(u.Name), subs, plural(subs))
		}
		return "delete " + quote(u.Name)
	case MoveUnit:
		where := "to the top level"
		if op.Parent != "" {
			where = "under " + unit(op.Parent)
		}
		if u := o.Unit(op.ID); u != nil && u.Parent() != nil && u.Parent().ID == op.Parent || u != nil && u.Parent() == nil && op.Parent == "" {
			where = "among its siblings"
		}
		return "move " + unit(op.ID) + " " + where
	case RenameUnit:
		return "rename " + unit(op.ID) + " to " + quote(op.Name)
	case SetDetails:
		return "edit the details of " + unit(op.ID)
	case DeletePost:
		return "delete post " + post(op.ID)
	case MovePost:
		return "move post " + post(op.ID)
	case DeleteMember:
		if m := o.Member(op.ID); m != nil {
			return "delete member " + quote(m.Label())
		}
	case removeFunction:
		if f := o.idx.functions[op.ID]; f != nil {
			return "remove function " + quote(f.Name)
		}
	case removeKind:
		if k := o.idx.kinds[op.ID]; k != nil {
			return "remove kind " + quote(k.Name)
		}
	}
	return op.Label()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
