package main

import (
	"runtime"

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
			rs := model.RisksProgress(o, runtime.GOMAXPROCS(0), progressLine(e, "risk: members simulated"))
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
