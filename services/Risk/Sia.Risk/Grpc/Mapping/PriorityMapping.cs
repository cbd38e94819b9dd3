using Google.Protobuf.WellKnownTypes;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.Risk.Domain.Priorities;
using Sia.Risk.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;
using Date = Google.Type.Date;
using ImpactMeasure = Sia.Risk.Domain.Priorities.ImpactMeasure;
using TargetValue = Sia.Risk.Domain.Priorities.TargetValue;
using Types = Sia.Risk.V1.Priority.Types;

namespace Sia.Risk.Grpc.Mapping;

/// <summary>Priorities between the API's messages and the domain's records; dates checked on the way in, the rest by PriorityRules.</summary>
internal static class PriorityMapping
{
    public static readonly UpdateMask<PriorityContent> UpdatableFields = new(new Dictionary<string, Func<PriorityContent, PriorityContent, PriorityContent>>
    {
        ["title"] = (requested, current) => current with { Title = requested.Title },
        ["description"] = (requested, current) => current with { Description = requested.Description },
        ["targets"] = (requested, current) => current with { Plan = current.Plan with { Targets = requested.Plan.Targets } },
        ["milestones"] = (requested, current) => current with { Plan = current.Plan with { Milestones = requested.Plan.Milestones } },
        ["impact_measures"] = (requested, current) => current with { Plan = current.Plan with { ImpactMeasures = requested.Plan.ImpactMeasures } },
        ["state"] = (requested, current) => current with { State = requested.State },
    });

    public static Priority ToMessage(this PriorityEntity entity)
    {
        var message = new Priority
        {
            Name = $"{entity.Owner}/priorities/{entity.PriorityId}",
            Owner = entity.Owner,
            AcademicYear = entity.AcademicYear,
            Title = entity.Title,
            Description = entity.Description,
            State = (Priority.Types.State)entity.State,
            CreateTime = Time(entity.CreateTime),
            UpdateTime = Time(entity.UpdateTime),
            Etag = Etag.From(entity.Version),
        };
        message.Targets.AddRange(entity.Plan.Targets.Select(t => new Types.Target
        {
            Description = t.Description,
            Measure = t.Measure,
            Baseline = t.Baseline is { } baseline ? ToMessage(baseline) : null,
            TargetValue = t.TargetValue is { } value ? ToMessage(value) : null,
            DueDate = ToDate(t.DueDate),
        }));
        message.Milestones.AddRange(entity.Plan.Milestones.Select(m => new Types.Milestone { Title = m.Title, DueDate = ToDate(m.DueDate), Status = (Types.Milestone.Types.Status)m.Status }));
        message.ImpactMeasures.AddRange(entity.Plan.ImpactMeasures.Select(m => new Types.ImpactMeasure { Description = m.Description, Evidence = m.Evidence }));
        return message;
    }

    /// <summary>What a request gives a priority (unspecified state and statuses as their defaults), with bad dates added to <paramref name="violations"/>.</summary>
    public static PriorityContent ToContent(this Priority message, string prefix, Violations violations)
    {
        var targets = message.Targets.Select((t, i) => ToDomain(t, $"{prefix}.targets[{i}]", violations)).ToList();
        var milestones = message.Milestones.Select((m, i) => ToDomain(m, $"{prefix}.milestones[{i}]", violations)).ToList();
        var impact = message.ImpactMeasures.Select(m => new ImpactMeasure(m.Description, m.Evidence)).ToList();
        var state = message.State == Types.State.Unspecified ? PriorityState.Active : (PriorityState)message.State;
        return new PriorityContent(message.Title, message.Description, new PriorityPlan(targets, milestones, impact), state);
    }

    private static PriorityTarget ToDomain(Types.Target target, string field, Violations violations) => new(target.Description, target.Measure,
        target.Baseline is { } baseline ? ToDomain(baseline) : null,
        target.TargetValue is { } value ? ToDomain(value) : null,
        AssessmentMapping.ToDateOnly(target.DueDate, $"{field}.due_date", violations));

    private static TargetValue ToDomain(Types.TargetValue value) => value.ValueCase switch
    {
        Types.TargetValue.ValueOneofCase.Number => new TargetValue(value.Number, null, value.Unit),
        Types.TargetValue.ValueOneofCase.Text => new TargetValue(null, value.Text, value.Unit),
        _ => new TargetValue(null, null, value.Unit),
    };

    private static PriorityMilestone ToDomain(Types.Milestone milestone, string field, Violations violations) => new(milestone.Title,
        AssessmentMapping.ToDateOnly(milestone.DueDate, $"{field}.due_date", violations),
        milestone.Status == Types.Milestone.Types.Status.Unspecified ? MilestoneStatus.NotStarted : (MilestoneStatus)milestone.Status);

    private static Types.TargetValue ToMessage(TargetValue value)
    {
        var message = new Types.TargetValue { Unit = value.Unit };
        if (value.Number is { } number) message.Number = number;
        else message.Text = value.Text ?? "";
        return message;
    }

    private static Date? ToDate(DateOnly? date) => date is { } d ? new Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    private static Timestamp Time(DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
