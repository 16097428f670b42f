package tui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/export"
)

// exportedMsg reports a finished export.
type exportedMsg struct {
	path string
	err  error
}

var exportLabels = map[string]string{
	"json": "orgplan JSON", "dot": "Graphviz picture (dot)", "mermaid": "Mermaid flowchart",
	"markdown": "Markdown report", "csv": "CSV, one row per post",
}

// exportBase is the file name exports start from: the plan's file without
// .json, or the example's name in the working folder.
func (m *Model) exportBase() string {
	p := m.path
	if p == "" {
		p = m.title
	}
	if p == "" {
		p = "plan.json"
	}
	return strings.TrimSuffix(p, filepath.Ext(p))
}

// openExport offers every format, plain and redacted, written next to the
// plan's file.
func (m *Model) openExport() tea.Cmd {
	var items []pickItem
	base := m.exportBase()
	add := func(format string, members, redact bool) {
		label := exportLabels[format]
		ext := export.Ext[format]
		if members {
			label, ext = "CSV, one row per member", ".members.csv"
		}
		if redact {
			label += ", redacted"
			ext = ".redacted" + ext
		}
		id := format
		if members {
			id += "+members"
		}
		if redact {
			id += "+redact"
		}
		if m.planKey != nil {
			ext += ".age" // an encrypted plan's exports are encrypted too
		}
		items = append(items, pickItem{id: id, label: label, note: filepath.Base(base + ext)})
	}
	for _, redact := range []bool{false, true} {
		for _, f := range export.Formats {
			add(f, false, redact)
		}
		add("csv", true, redact)
	}
	return m.openPicker(newPicker("Export "+quoteName(m.org.Name)+" to", nil, items, pickerRows(m.height), func(it pickItem) tea.Cmd {
		opt := export.Options{Format: strings.Split(it.id, "+")[0], Members: strings.Contains(it.id, "+members"), Redact: strings.Contains(it.id, "+redact")}
		path := filepath.Join(filepath.Dir(base), it.note)
		if m.isPlanFile(path) {
			m.setError(clean(filepath.Base(path)) + " is the plan's own file; not exported over it")
			return nil
		}
		var b bytes.Buffer
		if err := export.Write(&b, m.org, opt); err != nil {
			m.setError("export: " + err.Error())
			return nil
		}
		data, key := b.Bytes(), storage.KeyForPlan(m.planKey, m.org)
		write := func(replace bool) tea.Cmd {
			m.setStatus("exporting to " + clean(path) + "…")
			return func() tea.Msg {
				err := storage.WriteTo(path, storage.WriteOptions{Target: storage.Side, Replace: replace, Key: key},
					func(w io.Writer) error { _, err := w.Write(data); return err })
				return exportedMsg{path: path, err: err}
			}
		}
		if _, err := os.Lstat(path); err == nil {
			m.push(yesNo(clean(filepath.Base(path))+" already exists. Replace it?"), func(res dialogResult) tea.Cmd {
				if res.canceled {
					m.setStatus("not exported")
					return nil
				}
				return write(true)
			})
			return nil
		}
		return write(false)
	}))
}

// isPlanFile reports whether path is the plan's own file, by name or as
// the same file on disk.
func (m *Model) isPlanFile(path string) bool {
	if m.path == "" {
		return false
	}
	a, errA := filepath.Abs(path)
	b, errB := filepath.Abs(m.path)
	if errA == nil && errB == nil && a == b {
		return true
	}
	fa, errA := os.Stat(path)
	fb, errB := os.Stat(m.path)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}
