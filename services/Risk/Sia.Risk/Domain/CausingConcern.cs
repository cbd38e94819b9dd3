namespace Sia.Risk.Domain;

/// <summary>Why a school is causing concern, in the statutory guidance's terms, least serious first (as sia.risk.v1 numbers it).</summary>
internal enum CausingConcern
{
    Unspecified = 0,
    None = 1,
    WarningNotice = 2,
    SeriousWeaknesses = 3,
    SpecialMeasures = 4,
}
