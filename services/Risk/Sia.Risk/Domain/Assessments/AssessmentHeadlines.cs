using Sia.Risk.Data;

namespace Sia.Risk.Domain.Assessments;

/// <summary>
/// Assessments read without their result's explanation: every column but the result's jsonb, and the result made of its
/// headline columns with no criteria and no fired rules; for the reads that do not need why (ASSESSMENT_VIEW_BASIC).
/// </summary>
internal static class AssessmentHeadlines
{
    /// <summary>The whole assessment when <paramref name="explained"/>; else without the explanation, which is then not read at all.</summary>
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
            Judgements = a.Judgements,
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
