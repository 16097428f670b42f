// Package tui is the orgplan editor: a Bubble Tea program over a plan.
//
// Rules of the package:
//   - Update changes state and returns commands; View only draws what
//     Update prepared and never walks the whole tree; file I/O happens in
//     commands, whose results come back as messages. A command never
//     touches the Model: it works on a snapshot taken in Update.
//   - Keys go, in order, to the top dialog, the prompt or the screen on
//     show (help, members), the global keys, then the focused pane. Every
//     key is a binding in the KeyMap (keys.go); the key line, the help
//     and the README's keys are made from it.
//   - A dialog is a component on the stack (dialog.go): it returns a
//     result, the opener's then acts on it. No dialog reaches into the
//     Model.
//   - A side-panel tab is a tabSpec (tabs.go) in a file of its own; only
//     showTab puts one on show, and it builds it if stale.
//   - What is computed from the plan is model.Derived's: the editor asks
//     it, after each edit, for what it needs (collectTouched).
//   - Everything from a plan passes clean (one sanitizer) before it is
//     drawn.
package tui

import (
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

// Options say what the editor opens.
type Options struct {
	Org   *model.Org
	Path  string    // where ctrl+s saves; "" for an unsaved example
	Title string    // the name shown when there is no Path
	New   bool      // Path does not exist yet: created on the first save
	Disk  DiskState // Path as it was read, to notice changes by others
	// Key unlocks an encrypted plan (Path ending in .age): saves, recovery
	// copies and exports are encrypted with it.
	Key *storage.Key
	// Recovery is the unsaved work of an editor session of Path that
	// has ended, offered at start.
	Recovery *storage.Recovery
	// Session names this editor's recovery copies (storage.SessionID
	// when empty).
	Session string
	// LockedBy is the other editor that has Path open, if any: the user
	// chooses read-only, or opening anyway.
	LockedBy *storage.LockInfo
	// Config is the user's configuration file, read; a broken one opens
	// the editor with the defaults, saying why.
	Config Config
}

// Config is what the configuration file may set.
type Config struct {
	Keys    map[string][]string // action name → keys; [] unbinds
	Theme   string              // "", "auto", "dark", "light" or "mono"
	NoMouse bool
	ASCII   bool   // plain ASCII borders and tree marks
	Problem string // why the file was not used, shown at start
}

// Themes are the values of theme in the configuration.
var Themes = []string{"auto", "dark", "light", "mono"}

type focus int

const (
	focusTree focus = iota
	focusPosts
	focusSide
	focusCount
)

// mode is what has the keyboard besides the panes.
type mode int

const (
	modeNormal mode = iota
	modePrompt
	modeHelp
	modeMembers
)

// Model is the editor's root model.
type Model struct {
	org        *model.Org
	hist       model.History
	path       string
	title      string
	isNew      bool
	keys       KeyMap
	styles     Styles
	isDark     bool
	theme      string // from the configuration: "" or "auto" follow the terminal
	helpFilter string // typed in the help: only the keys that match show
	noMouse    bool
	ascii      bool
	help       help.Model
	width      int
	height     int
	lay        layout
	focus      focus
	mode       mode
	tree       treePane
	posts      postsPane
	side       sidePanel
	prompt     *prompt
	members    *membersScreen
	dialogs    []openDialog // open dialogs, the top one last: it has the keyboard
	disk       DiskState    // the file as it was opened or last saved
	planKey    *storage.Key
	recoveryAt string // where the recovery journal went
	// The recovery journal (journal.go): its writer, the edits queued
	// for it, whether a batch is being written, and the edits numbered.
	jw           *journalWriter
	jqueue       []jtask
	jbusy        bool
	jseq         uint64
	session      string // names this editor's recovery copies
	readOnly     string // why edits are refused ("" : they are not)
	status       string
	statErr      bool
	clip         *model.Unit // the last deleted unit, for p
	clipPasted   bool        // p already put it back once: the next is a copy
	search       search
	saving       bool
	saveProgress *storage.Progress // a big plan\'s save, shown as it goes
	savingTo     string
	// helpOffset scrolls the help screen.
	helpOffset int
	// showNames shows members' real names (v in the members screen).
	showNames bool
	// derived is what is computed from the plan and kept up to date edit
	// by edit: checks, labor, vacancies. It alone drains the touched sets.
	derived *model.Derived
	// checkErrs and checkWarns count the findings.
	checkErrs, checkWarns int
	clock                 func() time.Time // today, for plans with no asOf; tests set it
	whatif                whatIf
	jobs                  jobs        // whole-plan work running off Update (work.go)
	lastUnit              *model.Unit // the tree selection after the last key
	lastPost              postSel     // what the post cursor pointed at after the last message
}

// New builds the editor over a plan.
func New(opts Options) *Model {
	o := opts.Org
	if o == nil {
		o = model.New("New organization")
	}
	m := &Model{
		org:     o,
		path:    opts.Path,
		title:   opts.Title,
		isNew:   opts.New,
		keys:    DefaultKeyMap(),
		isDark:  true,
		help:    help.New(),
		tree:    newTreePane(o),
		disk:    opts.Disk,
		planKey: opts.Key,
		session: opts.Session,
		jobs:    jobs{mu: &sync.RWMutex{}},
	}
	if m.session == "" {
		m.session = storage.SessionID()
	}
	m.jw = &journalWriter{path: m.path, session: m.session, key: m.planKey, baseKnown: m.isNew}
	m.theme, m.noMouse, m.ascii = opts.Config.Theme, opts.Config.NoMouse, opts.Config.ASCII
	if m.theme == "light" {
		m.isDark = false
	}
	m.restyle()
	if probs := m.keys.Remap(opts.Config.Keys); len(probs) > 0 {
		m.keys = DefaultKeyMap()
		opts.Config.Problem = "config: " + probs[0] + "; opened with the default keys (orgplan config check)"
	}
	m.side = newSidePanel()
	m.side.hasHeadcount = hasHeadcount(o)
	m.posts.cand = -1
	m.followCursor()
	// Everything derived from the plan is computed afresh here; from now
	// on each edit's touched set brings it up to date.
	m.startDerived()
	m.ensureTab()
	m.openOnConflicts()
	if o.ViewFor != "" {
		// A view is a part of a plan, made for one member: edits belong
		// in the whole plan.
		m.readOnly = "read-only: the view for " + o.ViewFor + "; edit the whole plan"
		m.setStatus(m.readOnly)
	}
	if opts.Recovery != nil {
		m.offerRecovery(opts.Recovery)
	}
	if opts.LockedBy != nil {
		m.offerLocked(*opts.LockedBy)
	}
	if opts.Config.Problem != "" {
		m.setError(opts.Config.Problem)
	}
	if opts.New && len(o.Functions) == 0 && len(o.Kinds) == 0 {
		m.offerStarter()
	}
	return m
}

// Run opens the editor and returns when the user quits.
func Run(opts Options, in io.Reader, out io.Writer) error {
	_, err := tea.NewProgram(New(opts), tea.WithInput(in), tea.WithOutput(out)).Run()
	return err
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd {
	cmd := tea.Batch(tea.RequestBackgroundColor, m.startJobs())
	if m.path != "" && !m.isNew {
		cmd = tea.Batch(cmd, m.jw.opened(m.disk))
	}
	return cmd
}

// fileLabel is the file name shown in the title line.
func (m *Model) fileLabel() string {
	if m.path != "" {
		return filepath.Base(m.path)
	}
	if m.title != "" {
		return m.title + " (example)"
	}
	return "(unsaved)"
}

// modified reports unsaved changes. An example opened without a file is
// unmodified until edited: there is nothing to lose by quitting.
func (m *Model) modified() bool { return m.hist.Modified() }

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.followCursor()
	// What the message left needing whole-plan work starts now.
	cmd = tea.Batch(cmd, m.startJobs())
	if m.whatif.wantRisks {
		m.whatif.wantRisks = false
		cmd = tea.Batch(cmd, m.startRisks())
	}
	cmd = tea.Batch(cmd, m.flushJournal())
	if sel := m.tree.selected(); sel != m.lastUnit {
		m.lastUnit = sel
		m.side.stale[tabWhatIf] = true
		if m.side.tab == tabWhatIf {
			m.ensureTab()
		}
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case jobMsg:
		m.jobDone(msg)
		return nil
	case saveTickMsg:
		return m.showSaving()
	case journalMsg:
		m.journalWritten(msg)
		return nil
	case riskMsg:
		return m.risksArrived(msg)
	case recoveryMsg:
		if msg.err != nil {
			m.setError("recovery copy: " + msg.err.Error())
		}
		return nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.relayout()
		return nil
	case tea.BackgroundColorMsg:
		if m.theme == "" || m.theme == "auto" {
			m.isDark = msg.IsDark()
			m.restyle()
		}
		return nil
	case savedMsg:
		return m.saved(msg)
	case exportedMsg:
		if msg.err != nil {
			m.setError("export failed: " + msg.err.Error())
		} else {
			m.setStatus("exported " + clean(msg.path))
		}
		return nil
	case tea.MouseClickMsg:
		return m.click(msg.Mouse())
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
		return nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	// Anything else (pastes, cursor blinks, form internals) goes to what is
	// open; the panes take no paste.
	switch {
	case len(m.dialogs) > 0:
		return m.updateDialog(msg)
	case m.mode == modePrompt:
		return m.updatePrompt(msg)
	case m.mode == modeMembers:
		return m.membersUpdate(msg)
	}
	return nil
}

// key routes a key press: the top dialog first, then the prompt or the
// screen on show, then global keys, then the focused pane.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if len(m.dialogs) > 0 {
		return m.updateDialog(msg)
	}
	switch m.mode {
	case modePrompt:
		return m.updatePrompt(msg)
	case modeHelp:
		m.helpKey(msg)
		return nil
	case modeMembers:
		// The members screen has its own keys, but undo and save still work.
		return m.membersUpdate(msg)
	}
	m.status, m.statErr = "", false
	if m.lay.tooSmall {
		if msg.String() == "q" || msg.String() == "ctrl+c" {
			return m.quit()
		}
		return nil
	}
	if m.refusesEdit(msg) {
		return nil
	}
	if cmd, ok := m.globalKey(msg); ok {
		return cmd
	}
	var cmd tea.Cmd
	switch m.focus {
	case focusTree:
		cmd = m.treeKey(msg)
	case focusPosts:
		cmd = m.postsKey(msg)
	case focusSide:
		m.sideKey(msg)
	}
	return cmd
}

// globalKey handles the keys that work in every pane.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	g := m.keys.Global
	switch {
	case matches(msg, g.Quit):
		return m.quit(), true
	case matches(msg, g.Help):
		m.mode = modeHelp
		return nil, true
	case matches(msg, g.Save):
		return m.saveKey(false), true
	case matches(msg, g.Undo):
		m.undo()
		return nil, true
	case matches(msg, g.Copy):
		return m.copySelection(), true
	case matches(msg, g.Catalogues):
		return m.openCatalogues(), true
	case matches(msg, g.Palette):
		return m.openPalette(), true
	case matches(msg, g.Redo):
		m.redo()
		return nil, true
	case matches(msg, g.Focus):
		m.focus = (m.focus + 1) % focusCount
		return nil, true
	case matches(msg, g.FocusBack):
		m.focus = (m.focus + focusCount - 1) % focusCount
		return nil, true
	case matches(msg, g.Search) && m.focus == focusSide && m.side.tab == tabChecks:
		return m.filterChecks(), true
	case matches(msg, g.Search):
		m.openSearch()
		return textinputBlink(), true
	case matches(msg, g.Next):
		m.nextMatch(1)
		return nil, true
	case matches(msg, g.Prev):
		m.nextMatch(-1)
		return nil, true
	case matches(msg, g.ClearSearch):
		return nil, m.clearSearch()
	case matches(msg, g.Members):
		m.openMembers()
		return nil, true
	case matches(msg, g.Plan):
		return m.editPlan(), true
	case matches(msg, g.Export):
		return m.openExport(), true
	}
	for i, b := range g.Tabs {
		if matches(msg, b) {
			m.showTab(i)
			return nil, true
		}
	}
	return nil, false
}

// quit leaves at once when nothing would be lost, and asks otherwise.
func (m *Model) quit() tea.Cmd {
	if !m.modified() {
		return m.dropJournalAndQuit()
	}
	k := m.keys.Dialog
	m.push(newChoice(fmt.Sprintf("Save changes to %s before quitting?", clean(m.fileLabel())),
		answer{"save", k.SaveQuit}, answer{"discard", k.DiscardQuit}, answer{"", k.Cancel}),
		func(res dialogResult) tea.Cmd {
			switch res.value {
			case "save":
				return m.saveKey(true)
			case "discard":
				// Discarding on purpose: no recovery copy to offer next time.
				return m.dropJournalAndQuit()
			}
			m.setStatus("quit canceled")
			return nil
		})
	return nil
}

// apply makes one undoable change and refreshes what depends on the
// document. The cursor stays on keep (a unit id) when given.
func (m *Model) apply(op model.Op, keep string) bool {
	if m.refuseReadOnly() {
		return false
	}
	var err error
	m.write(func() { err = m.hist.Do(m.org, op) })
	if err != nil {
		m.setError(err.Error())
		return false
	}
	m.journalApplied()
	m.afterChange(keep)
	return true
}

func (m *Model) afterChange(keep string) {
	if keep == "" {
		if u := m.tree.selected(); u != nil && m.org.Unit(u.ID) != nil {
			keep = u.ID
		}
	}
	m.tree.rebuild(keep)
	if u := m.tree.selected(); u != nil {
		m.posts.clamp(len(u.Posts))
	}
	if len(m.whatif.marked) > 0 {
		m.simulate()
	}
	m.invalidate()
	m.search.stale = true
}

func (m *Model) undo() { m.travel(m.hist.Undo, "undo", "undid") }
func (m *Model) redo() { m.travel(m.hist.Redo, "redo", "redid") }

// travel moves through the history one step and says what it did.
func (m *Model) travel(step func(*model.Org) (string, bool, error), verb, done string) {
	if m.refuseReadOnly() {
		return
	}
	var label string
	var ok bool
	var err error
	m.write(func() { label, ok, err = step(m.org) })
	switch {
	case !ok:
		m.setStatus("nothing to " + verb)
	case err != nil:
		m.setError(verb + " failed: " + err.Error())
	default:
		m.journalApplied()
		m.afterChange("")
		m.setStatus(done + ": " + clean(label))
	}
}

func (m *Model) setStatus(s string) { m.status, m.statErr = s, false }
func (m *Model) setError(s string)  { m.status, m.statErr = s, true }

// openPrompt starts a one-line prompt on the key line.
func (m *Model) openPrompt(label, value string, accept func(string) tea.Cmd) {
	m.prompt = newPrompt(label, value, m.width, accept)
	m.mode = modePrompt
}

// openPromptHint starts an empty prompt that offers hint: enter takes it,
// typing replaces it.
func (m *Model) openPromptHint(label, hint string, accept func(string) tea.Cmd) {
	m.prompt = newPrompt(label, "", m.width, accept).withHint(hint)
	m.mode = modePrompt
}

// closePrompt returns the keyboard to the screen the prompt was opened
// over: the members screen or the editor.
func (m *Model) closePrompt() {
	m.prompt = nil
	m.mode = modeNormal
	if m.members != nil {
		m.mode = modeMembers
	}
}

func (m *Model) updatePrompt(msg tea.Msg) tea.Cmd {
	res, cmd := m.prompt.update(msg)
	switch res {
	case promptAccepted:
		p := m.prompt
		m.closePrompt()
		return p.accept(p.value())
	case promptCanceled:
		m.closePrompt()
		m.setStatus("canceled")
		return nil
	}
	return cmd
}
