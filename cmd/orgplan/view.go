package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

// viewSecret is the user's secret that keys the ids of the views they
// make (created on first use, 0600): the same view made twice is the same
// bytes, and nobody without it can join two views by id.
func viewSecret() ([]byte, error) {
	d, err := configDir()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(d, "view.key")
	b, err := os.ReadFile(path)
	if err == nil && len(b) >= 32 {
		return b, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	b = make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return nil, err
	}
	err = storage.WriteTo(path, storage.WriteOptions{Target: storage.Side},
		func(w io.Writer) error { _, err := w.Write(b); return err })
	return b, err
}

func newViewCmd(e *env) *cobra.Command {
	var who, to string
	var depth int
	var show bool
	var out output
	cmd := &cobra.Command{
		Use:   "view --for MEMBER [--depth N] [--show] [-o OUT] [--to RECIPIENT] FILE",
		Short: "A need-to-know view: the part of the plan one member may hold, as a plan of its own",
		Long: `Write the part of the plan MEMBER (an id or an alias) may hold: the
units they hold posts in or stand ready for, with their sub-units (to
--depth levels; all by default) — less any unit more secret than the most
secret of their own — and exactly one hop up: the parent's name (not for
an "unaware" unit) and one contact there. People appear by alias only; a
candidate who holds nothing in the view is "someone outside your unit".
Every id is a keyed hash (the key in your configuration folder), so two
views cannot be joined by id. The view is a plan; the editor opens it
read-only. --to encrypts it to that member's public key (OUT must end in
.age); --show prints what it would reveal and writes nothing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o, err := loadPlan(e, args[0])
			if err != nil {
				return err
			}
			ids, err := memberIDs(o, []string{who}, args[0])
			if err != nil {
				return err
			}
			var secret []byte // --show counts: the ids need no key
			if !show {
				if secret, err = viewSecret(); err != nil {
					return fail("%v", err)
				}
			}
			v, err := model.View(o, ids[0], model.ViewOptions{Depth: depth, Secret: secret})
			if err != nil {
				return fail("%s: %v", visible.String(who), err)
			}
			if show {
				fmt.Fprintf(e.stdout, "The view for %s reveals %d units, %d posts and %d other members (%d of them only as %q).\n",
					visible.String(v.ViewFor), v.UnitCount(), v.PostCount(), len(v.Members)-1, outsiders(v), model.Outsider)
				return nil
			}
			var key *storage.Key
			if to != "" {
				if _, err := storage.ParseRecipient(to); err != nil {
					return fail("%s: %v", visible.String(to), err)
				}
				if !storage.Encrypted(out.path) {
					return fail("--to encrypts the view: name the output …age")
				}
				v.Team = []model.Organizer{{Name: v.ViewFor, Recipient: to}}
				key = storage.TeamKey(to)
			}
			out.plaintext = to == ""
			return out.write(e, key, func(w io.Writer) error { return storage.Write(w, v) })
		},
	}
	cmd.Flags().StringVar(&who, "for", "", "the member whose view it is (id or alias)")
	cmd.Flags().IntVar(&depth, "depth", -1, "levels of sub-units below their own units (-1: all)")
	cmd.Flags().BoolVar(&show, "show", false, "say what the view would reveal, write nothing")
	cmd.Flags().StringVar(&to, "to", "", "encrypt the view to this public key (age1… or ssh-…)")
	out.flags(cmd, "the view")
	_ = cmd.MarkFlagRequired("for")
	return cmd
}

func outsiders(v *model.Org) int {
	n := 0
	for _, m := range v.Members {
		if m.Alias == model.Outsider {
			n++
		}
	}
	return n
}
