package tui

import "charm.land/bubbles/v2/key"

// KeyMap holds the editor's key bindings, one group per context. The key
// line, the help screen and the README all come from these.
type KeyMap struct {
	Global GlobalKeys
	Tree   TreeKeys
	Posts  PostKeys
	Side   SideKeys
	Dialog DialogKeys
}

// DialogKeys answer the editor's questions.
type DialogKeys struct {
	SaveQuit, DiscardQuit, Cancel key.Binding // quitting with unsaved changes
	Overwrite, SaveAs             key.Binding // the file changed on disk
	Restore, Discard, Keep        key.Binding // a recovery copy
}

// GlobalKeys work whatever pane has the focus.
type GlobalKeys struct {
	Save, Undo, Redo, Search, Next, Prev, ClearSearch, Focus, FocusBack, Members, Export, Help, Quit key.Binding
	Tabs                                                                                             [tabCount]key.Binding
	// TabKeys stands for the five in the key line.
	TabKeys key.Binding
}

// TreeKeys work on the organization tree.
type TreeKeys struct {
	Up, Down, Left, Right, Toggle, Top, Bottom, PageUp, PageDown key.Binding
	AddChild, AddSibling, Rename, Edit, Delete, Paste            key.Binding
	MoveUp, MoveDown, Outdent, Indent                            key.Binding
	ExpandAll, CollapseAll                                       key.Binding
	NoCandidateMarks                                             key.Binding
}

// PostKeys work on the posts of the selected unit.
type PostKeys struct {
	Up, Down, Add, Edit, Holder, Candidate, RemoveCandidate, Delete, MoveUp, MoveDown key.Binding
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
	k.Dialog = DialogKeys{
		SaveQuit:    bind("s", "save and quit", "s", "y", "enter"),
		DiscardQuit: bind("d", "discard and quit", "d", "n"),
		Cancel:      bind("esc", "cancel", "esc", "c", "q", "ctrl+c"),
		Overwrite:   bind("o", "overwrite it", "o"),
		SaveAs:      bind("a", "save as another file", "a"),
		Restore:     bind("r", "restore them", "r"),
		Discard:     bind("d", "discard them", "d"),
		Keep:        bind("k", "keep for later", "k", "esc"),
	}
	k.Global.TabKeys = bind("1–5", "tabs", "1", "2", "3", "4", "5")
	for i := range k.Global.Tabs {
		n := string(rune('1' + i))
		k.Global.Tabs[i] = bind(n, sideTabs[i].name, n)
	}
	return k
}
