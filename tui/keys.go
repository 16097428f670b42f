package tui

import "charm.land/bubbles/v2/key"

// KeyMap holds the editor's key bindings, one group per context. The key
// line, the help screen and the README all come from these.
type KeyMap struct {
	Global  GlobalKeys
	Tree    TreeKeys
	Posts   PostKeys
	Side    SideKeys
	Members MemberKeys
	Dialog  DialogKeys
	Help    HelpKeys
}

// MemberKeys work in the members screen (m).
type MemberKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Filter, Add, Edit, Status, Delete       key.Binding
	Names, Back                             key.Binding
}

// HelpKeys scroll the help screen; any other key closes it.
type HelpKeys struct {
	Down, Up, PageDown, PageUp key.Binding
}

// KeyGroup is a titled list of bindings: the help screen and the README's
// keys section are both made from Groups.
type KeyGroup struct {
	Title string
	Keys  []key.Binding
}

// Groups lists every binding once, in the order the help shows them.
func (k KeyMap) Groups() []KeyGroup {
	g, t, p, s, mk, d := k.Global, k.Tree, k.Posts, k.Side, k.Members, k.Dialog
	pk := pickerKeys
	return []KeyGroup{
		{"In the tree: move", []key.Binding{t.Up, t.Down, t.Left, t.Right, t.Toggle, t.Top, t.Bottom, t.PageUp, t.PageDown, t.ExpandAll, t.CollapseAll, t.NoCandidateMarks}},
		{"In the tree: edit", []key.Binding{t.AddChild, t.AddSibling, t.Rename, t.Edit, t.Delete, t.Paste, t.MoveUp, t.MoveDown, t.Outdent, t.Indent, t.MoveTo}},
		{"In the posts pane", []key.Binding{p.Up, p.Down, p.PickCandidate, p.Add, p.Edit, p.Holder, p.Candidate, p.RemoveCandidate, p.Readiness, p.Delete, p.MoveUp, p.MoveDown}},
		{"In the side panel", []key.Binding{g.Tabs[0], g.Tabs[1], g.Tabs[2], g.Tabs[3], g.Tabs[4], g.Tabs[5], g.Tabs[6], s.Up, s.Down, s.Jump, s.Mark, s.MarkUnit, s.Clear, s.Filter, s.HideWarnings}},
		{"Everywhere", []key.Binding{g.Undo, g.Redo, g.Search, g.Next, g.Prev, g.ClearSearch, g.Focus, g.FocusBack, g.Palette, g.Members, g.Catalogues, g.Plan, g.Copy, g.Export, g.Save, g.Help, g.Quit}},
		{"In the members screen (m)", []key.Binding{mk.Up, mk.Down, mk.PageUp, mk.PageDown, mk.Top, mk.Bottom, mk.Filter, mk.Add, mk.Edit, mk.Status, mk.Delete, mk.Names, mk.Back}},
		{"In a picker", []key.Binding{pk.Up, pk.Down, pk.PageUp, pk.PageDown, pk.Choose, pk.Cancel}},
		{"In a prompt", []key.Binding{promptKeys.Accept, promptKeys.Cancel, promptKeys.Recall}},
		{"In questions", []key.Binding{d.SaveQuit, d.DiscardQuit, d.Overwrite, d.SaveAs, d.Restore, d.Discard, d.Keep, d.ReadOnly, d.OpenAnyway, d.Leave, d.TakeOurs, d.TakeTheirs, d.TakeBase, d.GoTo, d.Later, d.AsSubUnit, d.After, d.EditEntry, d.DeleteEntry, d.Starter[0], d.Starter[1], d.Starter[2], d.Skip, d.Cancel}},
		{"In the help", []key.Binding{k.Help.Down, k.Help.Up, k.Help.PageDown, k.Help.PageUp}},
	}
}

// DialogKeys answer the editor's questions.
type DialogKeys struct {
	SaveQuit, DiscardQuit, Cancel  key.Binding // quitting with unsaved changes
	Overwrite, SaveAs              key.Binding // the file changed on disk
	Restore, Discard, Keep         key.Binding // a recovery copy
	ReadOnly, OpenAnyway, Leave    key.Binding // the plan is open in another editor
	TakeOurs, TakeTheirs, TakeBase key.Binding // a merge conflict
	GoTo, Later                    key.Binding
	AsSubUnit, After               key.Binding // Move to…
	EditEntry, DeleteEntry         key.Binding // a function or a kind
	Starter                        [3]key.Binding
	Skip                           key.Binding
}

// GlobalKeys work whatever pane has the focus.
type GlobalKeys struct {
	Save, Undo, Redo, Search, Next, Prev, ClearSearch, Focus, FocusBack, Members, Export, Help, Quit key.Binding
	Plan, Copy, Catalogues, Palette                                                                  key.Binding
	Tabs                                                                                             [tabCount]key.Binding
	// TabKeys stands for them all in the key line.
	TabKeys key.Binding
}

// TreeKeys work on the organization tree.
type TreeKeys struct {
	Up, Down, Left, Right, Toggle, Top, Bottom, PageUp, PageDown key.Binding
	AddChild, AddSibling, Rename, Edit, Delete, Paste            key.Binding
	MoveUp, MoveDown, Outdent, Indent, MoveTo                    key.Binding
	ExpandAll, CollapseAll                                       key.Binding
	NoCandidateMarks                                             key.Binding
}

// PostKeys work on the posts of the selected unit.
type PostKeys struct {
	Up, Down, Add, Edit, Holder, Candidate, RemoveCandidate, Delete, MoveUp, MoveDown key.Binding
	PickCandidate, Readiness                                                          key.Binding
}

// SideKeys work in the side panel.
type SideKeys struct {
	Up, Down, Jump, Mark, MarkUnit, Clear key.Binding
	Filter, HideWarnings                  key.Binding // the Checks tab
}

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// DefaultKeyMap returns the bindings the design lists.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		Global: GlobalKeys{
			Save:        bind("ctrl+s", "save", "ctrl+s"),
			Undo:        bind("u", "undo", "u"),
			Redo:        bind("ctrl+r", "redo", "ctrl+r"),
			Search:      bind("/", "search", "/"),
			Next:        bind("n", "next match", "n"),
			Prev:        bind("N", "previous match", "N"),
			ClearSearch: bind("esc", "clear search", "esc"),
			Focus:       bind("tab", "focus", "tab"),
			FocusBack:   bind("shift+tab", "focus back", "shift+tab"),
			Members:     bind("m", "members", "m"),
			Export:      bind("E", "export", "E"),
			Plan:        bind("P", "plan: name, description, as of", "P"),
			Copy:        bind("y", "copy path or alias (OSC 52)", "y"),
			Catalogues:  bind("F", "functions and kinds", "F"),
			Palette:     bind("ctrl+k/:", "command palette", "ctrl+k", ":"),
			Help:        bind("?", "help", "?"),
			Quit:        bind("q", "quit", "q", "ctrl+c"),
		},
		Tree: TreeKeys{
			Up:               bind("↑/k", "up", "up", "k"),
			Down:             bind("↓/j", "down", "down", "j"),
			Left:             bind("←/h", "collapse / parent", "left", "h"),
			Right:            bind("→/l", "expand / child", "right", "l"),
			Toggle:           bind("space", "collapse / expand", "space"),
			Top:              bind("g", "top", "g", "home"),
			Bottom:           bind("G", "bottom", "G", "end"),
			PageUp:           bind("pgup", "page up", "pgup"),
			PageDown:         bind("pgdn", "page down", "pgdown"),
			AddChild:         bind("a", "add sub-unit", "a"),
			AddSibling:       bind("o", "add unit below", "o"),
			Rename:           bind("r", "rename", "r"),
			Edit:             bind("e/enter", "edit details", "e", "enter"),
			Delete:           bind("d", "delete (cut)", "d"),
			Paste:            bind("p", "paste as sub-unit", "p"),
			MoveUp:           bind("K", "move up", "K"),
			MoveDown:         bind("J", "move down", "J"),
			Outdent:          bind("<", "outdent", "<"),
			Indent:           bind(">", "indent", ">"),
			MoveTo:           bind("M", "move to…", "M"),
			ExpandAll:        bind("*", "expand all below", "*"),
			CollapseAll:      bind("-", "collapse all", "-"),
			NoCandidateMarks: bind("C", "? marks: no candidate", "C"),
		},
		Posts: PostKeys{
			Up:              bind("↑/k", "up", "up", "k"),
			Down:            bind("↓/j", "down", "down", "j"),
			Add:             bind("a", "add post", "a"),
			Edit:            bind("e/enter", "edit post", "e", "enter"),
			Holder:          bind("h", "choose holder", "h"),
			Candidate:       bind("c", "add candidate", "c"),
			RemoveCandidate: bind("x", "remove candidate", "x"),
			Delete:          bind("d", "delete post", "d"),
			MoveUp:          bind("K", "candidate earlier", "K"),
			MoveDown:        bind("J", "candidate later", "J"),
			PickCandidate:   bind("←/→", "pick a candidate", "left", "right"),
			Readiness:       bind("L", "ready now / later", "L"),
		},
		Side: SideKeys{
			Up:           bind("↑/k", "up", "up", "k"),
			Down:         bind("↓/j", "down", "down", "j"),
			Jump:         bind("enter", "go to it; apply", "enter"),
			Mark:         bind("space", "mark as taken", "space"),
			MarkUnit:     bind("U", "mark whole unit", "U"),
			Clear:        bind("x", "clear marks", "x"),
			Filter:       bind("/", "filter findings (Checks)", "/"),
			HideWarnings: bind("w", "hide warnings (Checks)", "w"),
		},
	}
	k.Members = MemberKeys{
		Up:       bind("↑/k", "up", "up", "k"),
		Down:     bind("↓/j", "down", "down", "j"),
		PageUp:   bind("pgup", "page up", "pgup"),
		PageDown: bind("pgdn", "page down", "pgdown"),
		Top:      bind("g", "top", "g", "home"),
		Bottom:   bind("G", "bottom", "G", "end"),
		Filter:   bind("/", "filter", "/"),
		Add:      bind("a", "add", "a"),
		Edit:     bind("e/enter", "edit", "e", "enter"),
		Status:   bind("s", "next status", "s"),
		Delete:   bind("d", "delete", "d"),
		Names:    bind("v", "real names", "v"),
		Back:     bind("esc", "back", "esc", "q", "m"),
	}
	k.Help = HelpKeys{
		Down:     bind("↓", "scroll down", "down"),
		Up:       bind("↑", "scroll up", "up"),
		PageDown: bind("pgdn", "page down", "pgdown"),
		PageUp:   bind("pgup", "page up", "pgup"),
	}
	k.Dialog = DialogKeys{
		SaveQuit:    bind("s", "save and quit", "s", "y", "enter"),
		DiscardQuit: bind("d", "discard and quit", "d", "n"),
		Cancel:      bind("esc", "cancel", "esc", "c", "q", "ctrl+c"),
		Overwrite:   bind("o", "overwrite it", "o"),
		SaveAs:      bind("a", "save as another file", "a"),
		Restore:     bind("r", "restore them", "r"),
		Discard:     bind("d", "discard them", "d"),
		Keep:        bind("k", "keep for later", "k", "esc"),
		ReadOnly:    bind("r", "open read-only", "r", "esc"),
		OpenAnyway:  bind("o", "open anyway", "o"),
		Leave:       bind("q", "quit", "q", "ctrl+c"),
		TakeOurs:    bind("o", "take ours", "o"),
		TakeTheirs:  bind("t", "take theirs", "t"),
		TakeBase:    bind("b", "take base", "b"),
		GoTo:        bind("g", "go to it", "g"),
		Later:       bind("esc", "decide later", "esc", "q"),
		AsSubUnit:   bind("s", "as a sub-unit", "s", "enter"),
		After:       bind("a", "after it", "a"),
		EditEntry:   bind("e", "edit", "e", "enter"),
		DeleteEntry: bind("d", "delete", "d"),
		Starter: [3]key.Binding{bind("1", "the 1902 committee", "1"), bind("2", "a union drive", "2"),
			bind("3", "a tenants' association", "3")},
		Skip: bind("esc", "none", "esc", "n"),
	}
	k.Global.TabKeys = bind("1–7", "tabs", "1", "2", "3", "4", "5", "6", "7")
	for i := range k.Global.Tabs {
		n := string(rune('1' + i))
		k.Global.Tabs[i] = bind(n, sideTabs[i].name, n)
	}
	return k
}
