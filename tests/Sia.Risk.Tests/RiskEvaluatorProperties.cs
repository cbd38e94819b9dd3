using CsCheck;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.Domain.Frameworks;

namespace Sia.Risk.Tests;

/// <summary>Properties of every result over generated frameworks, inspections, judgements and indicators.</summary>
public sealed class RiskEvaluatorProperties
{
    private const int Iterations = 2_000;

    [Fact]
    public void The_category_is_always_the_worst_a_fired_rule_gives_or_else_the_default()
    {
        RiskGenerators.Assessments.Sample((framework, facts) =>
        {
            var result = RiskEvaluator.Evaluate(framework, facts);
            var given = result.FiredRules.Select(r => r.Outcome.Category).OfType<string>().ToList();
            if (given.Count == 0) return result.Category == framework.DefaultCategory;
            return given.Contains(result.Category) && given.All(c => framework.RankOf(c) <= framework.RankOf(result.Category));
        }, iter: Iterations);
    }

    [Fact]
    public void Every_fired_rule_states_a_fact_for_each_condition_and_every_other_rule_has_one_that_fails()
    {
        RiskGenerators.Assessments.Sample((framework, facts) =>
        {
            var result = RiskEvaluator.Evaluate(framework, facts);
            var context = new ConditionContext(facts, result.Criteria.ToDictionary(c => c.Criterion));
            foreach (var rule in framework.Rules)
            {
                var evaluated = rule.Conditions.Select(c => c.Evaluate(context)).ToList();
                var fired = result.FiredRules.SingleOrDefault(f => f.Rule == rule.Id);
                if (fired is null ? evaluated.All(e => e.Holds) : !evaluated.All(e => e.Holds)) return false;
                if (fired is not null && !fired.Facts.SequenceEqual(evaluated.Select(e => e.Fact))) return false;
            }
            return result.Criteria.Select(c => c.Criterion).SequenceEqual(framework.Criteria.Select(c => c.Id));
        }, iter: Iterations);
    }

    [Fact]
    public void At_risk_and_causing_concern_come_only_from_fired_rules()
    {
        RiskGenerators.Assessments.Sample((framework, facts) =>
        {
            var result = RiskEvaluator.Evaluate(framework, facts);
            return result.AtRisk == result.FiredRules.Any(r => r.Outcome.AtRisk)
                && result.CausingConcern == result.FiredRules.Select(r => r.Outcome.CausingConcern).Append(CausingConcern.None).Max();
        }, iter: Iterations);
    }

    [Fact]
    public void Judging_one_more_criterion_met_never_makes_a_school_look_better_when_the_default_is_the_best_category()
    {
        RiskGenerators.Assessments.Where(a => a.Framework.RankOf(a.Framework.DefaultCategory) == 0)
            .Sample((framework, facts) =>
            {
                var judgedCriteria = framework.Criteria.Where(c => c.IndicatorTest is null).ToList();
                if (judgedCriteria.Count == 0) return true;
                var before = RiskEvaluator.Evaluate(framework, facts);
                foreach (var criterion in judgedCriteria)
                {
                    var more = facts with { Judgements = [.. facts.Judgements.Where(j => j.Criterion != criterion.Id), Facts.Met(criterion.Id)] };
                    var after = RiskEvaluator.Evaluate(framework, more);
                    if (framework.RankOf(after.Category) < framework.RankOf(before.Category) || (before.AtRisk && !after.AtRisk)
                        || after.CausingConcern < before.CausingConcern) return false;
                }
                return true;
            }, iter: Iterations);
    }

    [Fact]
    public void The_order_judgements_are_given_in_changes_nothing()
    {
        RiskGenerators.Assessments.Sample((framework, facts) =>
        {
            var reversed = facts with { Judgements = [.. facts.Judgements.Reverse()] };
            var (a, b) = (RiskEvaluator.Evaluate(framework, facts), RiskEvaluator.Evaluate(framework, reversed));
            return a.Category == b.Category && a.AtRisk == b.AtRisk && a.CausingConcern == b.CausingConcern
                && a.FiredRules.Select(r => r.Rule).SequenceEqual(b.FiredRules.Select(r => r.Rule));
        }, iter: Iterations);
    }
}
