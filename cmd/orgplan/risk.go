package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/export"
)

func newRiskCmd(e *env) *cobra.Command {
	var format string
	var views bool
	var k, restarts int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "risk [--format text|json] FILE",
		Short: "Rank the members by what their loss alone would do to the organization",
		Long: `Simulate the removal of each active member alone (as 'orgplan simulate
--remove' does) and rank them by the damage: one for each post that had a
holder and is left with none, one for each unit left with no active
member, one for each unit cut off from the center. Members whose removal
does no damage are not listed; ties are in id order.

With --k K it also looks for the K members whose joint removal does the
most damage: every set of K when there are at most 20,000 of them, else a
greedy set improved by one-for-one swaps until none helps, and as much
from --restarts random sets drawn from --seed (the same seed, the same
answer). It says which method ran, and compares with the K members whose
arrest would expose the most others.`,
		Example: "  orgplan risk plan.json\n  orgplan risk --k 3 plan.json\n  orgplan risk --format json plan.json",
		Args:    exactArg("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := reportPlan(e, format, args[0])
			if err != nil {
				return err
			}
			var keys *export.KeySearch
			if k > 0 {
				ks := model.KeyPlayers(o, k, seed, restarts, model.MaxExhaustive)
				top := model.TopByExposure(o, k)
				keys = &export.KeySearch{K: k, Found: ks, ByExposure: top, ByExposureDamage: model.DamageOf(o, top)}
			}
			rs := model.RisksProgress(o, progressLine(e, "risk: members simulated"))
			if err := export.RiskReport(e.stdout, format, args[0], o, rs, keys, views); err != nil {
				return fail("%v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.Flags().BoolVar(&views, "views", false, "also say what each member's seized need-to-know view would give away")
	cmd.Flags().IntVar(&k, "k", 0, "also find the K members whose joint removal does the most damage")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed of the search's random restarts")
	cmd.Flags().IntVar(&restarts, "restarts", 3, "random restarts of the search (when not exhaustive)")
	return cmd
}

// progressLine reports progress on stderr when it is a terminal and the
// work has taken more than a second, at most ten times a second; the line
// is cleared at the end (done == total).
func progressLine(e *env, what string) func(done, total int) {
	if !isTerminal(e.stderr) {
		return nil
	}
	start, last, shown := time.Now(), time.Time{}, false
	return func(done, total int) {
		now := time.Now()
		switch {
		case done >= total:
			if shown {
				fmt.Fprint(e.stderr, "\r\x1b[K") // the line goes, the report follows
			}
		case now.Sub(start) >= time.Second && now.Sub(last) >= 100*time.Millisecond:
			last, shown = now, true
			fmt.Fprintf(e.stderr, "\r%s: %d of %d", what, done, total)
		}
	}
}
