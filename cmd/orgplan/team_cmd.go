package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

// The roster of a team plan: add, list, remove, accept. Each change is
// saved at once, encrypted to the roster as it is after the change.

func newTeamCmd(e *env) *cobra.Command {
	team := &cobra.Command{Use: "team", Short: "Who an encrypted plan is encrypted to: each organizer's own key"}
	var from string
	add := &cobra.Command{
		Use:   "add NAME RECIPIENT FILE.age [--from PLAN]",
		Short: "Add an organizer's public key to a team plan (--from makes a team plan of another plan)",
		Args:  cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, recipient, path := args[0], args[1], args[2]
			if !storage.Encrypted(path) {
				return fail("%s: a team plan is encrypted: name it %s.age", visible.String(path), visible.String(path))
			}
			if _, err := storage.ParseRecipient(recipient); err != nil {
				return fail("%s: %v", visible.String(recipient), err)
			}
			var o *model.Org
			var err error
			switch {
			case from != "":
				if fileExists(path) {
					return fail("%s already exists: add to it without --from", visible.String(path))
				}
				o, err = loadPlan(e, from)
			case !fileExists(path):
				return fail("%s does not exist: give --from PLAN to make it from a plan", visible.String(path))
			default:
				if !storage.TeamEncrypted(head(path)) {
					return fail("%s is encrypted with a passphrase; age does not mix a passphrase with keys: make a team plan of it with orgplan team add NAME KEY NEW.age --from %s",
						visible.String(path), visible.String(path))
				}
				o, err = loadPlan(e, path)
			}
			if err != nil {
				return err
			}
			if slices.ContainsFunc(o.Team, func(t model.Organizer) bool { return t.Name == name }) {
				return fail("%s is in the team already; team remove, then add, changes a key", visible.String(name))
			}
			o.Team = append(o.Team, model.Organizer{Name: name, Recipient: recipient})
			if err := saveTeam(e, path, o); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s: %s added (%s); the plan is encrypted to %d keys\n", visible.String(path), visible.String(name), storage.Fingerprint(recipient), len(o.Team))
			return nil
		},
	}
	add.Flags().StringVar(&from, "from", "", "a plan (plain or passphrase) to make the team plan of; it is left as it is")
	list := &cobra.Command{
		Use:   "list FILE.age",
		Short: "The organizers a team plan is encrypted to, with their keys' fingerprints",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := loadPlan(e, args[0])
			if err != nil {
				return err
			}
			if len(o.Team) == 0 {
				fmt.Fprintf(e.stdout, "%s has no team: it is plain or under a passphrase\n", visible.String(args[0]))
				return nil
			}
			for _, t := range o.Team {
				fmt.Fprintf(e.stdout, "%-20s %s\n", visible.String(t.Name), storage.Fingerprint(t.Recipient))
			}
			return nil
		},
	}
	remove := &cobra.Command{
		Use:   "remove NAME FILE.age",
		Short: "Take an organizer out of a team plan and encrypt it again without their key",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, path := args[0], args[1]
			o, err := loadPlan(e, path)
			if err != nil {
				return err
			}
			i := slices.IndexFunc(o.Team, func(t model.Organizer) bool { return t.Name == name })
			switch {
			case i < 0:
				return fail("%s is not in the team of %s", visible.String(name), visible.String(path))
			case len(o.Team) == 1:
				return fail("%s is the last of the team: nobody could open the plan", visible.String(name))
			}
			o.Team = slices.Delete(o.Team, i, i+1)
			if err := saveTeam(e, path, o); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s: %s removed; the plan is encrypted again to the %d left.\n", visible.String(path), visible.String(name), len(o.Team))
			fmt.Fprintln(e.stdout, "What this does not do: every earlier version (in git history, backups, copies, exports) stays readable by them, and what they read they know; only what is saved from now on is closed to them.")
			return nil
		},
	}
	accept := &cobra.Command{
		Use:   "accept FILE.age",
		Short: "Accept a team plan's roster as it is now, keys added by others included",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			data, err := storage.ReadInput(path, e.stdin)
			if err != nil {
				return &exitError{code: exitUsage, err: describeLoadError(path, err)}
			}
			key, err := keyForData(path, data, false)
			if err != nil {
				return fail("%v", err)
			}
			o, err := storage.DecodeKeyed(path, data, key)
			if err != nil {
				return &exitError{code: exitUsage, err: describeLoadError(path, err)}
			}
			if err := checkPins(e, path, o, true); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s: its team of %d is accepted\n", visible.String(path), len(o.Team))
			return nil
		},
	}
	team.AddCommand(add, list, remove, accept)
	return team
}

// saveTeam writes a team plan encrypted to its roster as it is now, and
// pins that roster: the change is the user's own.
func saveTeam(e *env, path string, o *model.Org) error {
	rs := make([]string, len(o.Team))
	for i, t := range o.Team {
		rs[i] = t.Recipient
	}
	if err := storage.SaveKeyed(path, storage.Snapshot(o), storage.TeamKey(rs...)); err != nil {
		return fail("%v", err)
	}
	return checkPins(e, path, o, true)
}
