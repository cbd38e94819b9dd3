using Sia.Risk.Data;

namespace Sia.Risk.Domain.Assessments;

/// <summary>
/// Assessments read without the officer's judgements and their result's explanation: every column but those two jsonb
/// documents, and the result made of its headline columns with no criteria and no fired rules; for the reads that do not
/// need why (ASSESSMENT_VIEW_BASIC).
/// </summary>
internal static class AssessmentHeadlines
{
    /// <summary>The whole assessment when <paramref name="explained"/>; else without the judgements and the explanation, which are then not read at all.</summary>
    public static IQueryable<AssessmentEntity> Explained(this IQueryable<AssessmentEntity> query, bool explained) =>
        explained ? query : query.Select(a => new AssessmentEntity
        {
            Id = a.Id,
            Urn = a.Urn,
            LaCode = a.LaCode,
            AcademicYear = a.AcademicYear,
            Round = a.Round,
            VersionNumber = a.VersionNumber,
            IsLatest = a.IsLatest,
            State = a.State,
            FrameworkId = a.FrameworkId,
            FrameworkRevision = a.FrameworkRevision,
            Judgements = Array.Empty<CriterionJudgement>(),
            WarningNoticeIssued = a.WarningNoticeIssued,
            AssessmentDate = a.AssessmentDate,
            Result = new AssessmentResult(a.Category, a.CategoryLabel, a.AtRisk, a.CausingConcern,
                new InspectionDue(a.InspectionDueFrom, a.InspectionDueBy, a.InspectionDueBasis),
                Array.Empty<CriterionResult>(), Array.Empty<FiredRule>(), a.LatestInspection),
            Category = a.Category,
            CategoryLabel = a.CategoryLabel,
            AtRisk = a.AtRisk,
            CausingConcern = a.CausingConcern,
            InspectionDueFrom = a.InspectionDueFrom,
            InspectionDueBy = a.InspectionDueBy,
            InspectionDueBasis = a.InspectionDueBasis,
            LatestInspection = a.LatestInspection,
            VersionReason = a.VersionReason,
            CreateTime = a.CreateTime,
            UpdateTime = a.UpdateTime,
            PublishTime = a.PublishTime,
            Version = a.Version,
        });
}
