using System.Runtime.CompilerServices;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Csv;
using Sia.Risk.Import;
using Sia.Risk.V1;
using RejectedRow = Sia.Risk.V1.RejectedIndicatorRow;

namespace Sia.Risk.Grpc;

/// <summary>
/// Takes an indicators file chunk by chunk and imports it as it arrives, never holding the whole file; a partner's rows
/// only for the schools it acts for (SchoolAccess), the others refused as rows for a school not known.
/// </summary>
internal sealed class IndicatorImportGrpcService(IndicatorImporter importer, SchoolAccess access) : IndicatorImportService.IndicatorImportServiceBase
{
    public override async Task<ImportIndicatorsResponse> ImportIndicators(IAsyncStreamReader<ImportIndicatorsRequest> requestStream, ServerCallContext context)
    {
        IndicatorImportSummary summary;
        try
        {
            summary = await importer.ImportAsync(ParseAsync(requestStream, context.CancellationToken),
                (urns, cancellationToken) => access.ActedForAsync(context, urns, cancellationToken), context.CancellationToken);
        }
        catch (CsvFormatException ex)
        {
            throw new ValidationFailedException("chunk", $"The file is not an indicators CSV file: {ex.Message}");
        }
        return new ImportIndicatorsResponse
        {
            CreatedCount = summary.Created,
            UpdatedCount = summary.Updated,
            UnchangedCount = summary.Unchanged,
            RejectedCount = summary.Rejected,
            RejectedRows = { summary.RejectedRows.Select(r => new RejectedRow { LineNumber = r.LineNumber, Reason = r.Reason }) },
        };
    }

    private static async IAsyncEnumerable<IndicatorParseResult> ParseAsync(IAsyncStreamReader<ImportIndicatorsRequest> requests,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new IndicatorCsvReader();
        var any = false;
        await foreach (var request in requests.ReadAllAsync(cancellationToken))
        {
            any = true;
            foreach (var result in reader.Feed(request.Chunk.Span)) yield return result;
        }
        if (!any) throw new ValidationFailedException("chunk", "No part of a file arrived: send the file in one or more chunks.");
        foreach (var result in reader.Complete()) yield return result;
    }
}
