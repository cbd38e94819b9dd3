using Sia.Contracts.DomainErrors;
using Sia.Risk.V1;

namespace Sia.Risk.Grpc;

/// <summary>A request's AssessmentView (AIP-157): whether the assessments it returns carry their result's explanation.</summary>
internal static class AssessmentViews
{
    /// <summary>True for FULL, false for BASIC, <paramref name="unspecified"/> for neither; a value the API does not have is added to <paramref name="violations"/>.</summary>
    public static bool Explained(AssessmentView view, bool unspecified, Violations violations)
    {
        if (!Enum.IsDefined(view)) violations.Add("view", $"{(int)view} is not a view: basic or full.");
        return view switch
        {
            AssessmentView.Full => true,
            AssessmentView.Basic => false,
            _ => unspecified,
        };
    }
}
