using System.Runtime.CompilerServices;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Domain;
using Sia.Registry.Gias;
using Sia.Registry.Import;
using Sia.Registry.V1;

namespace Sia.Registry.Grpc;

/// <summary>Takes a GIAS extract chunk by chunk and imports it as it arrives, never holding the whole file.</summary>
internal sealed class GiasImportGrpcService(GiasImporter importer) : GiasImportService.GiasImportServiceBase
{
    public override async Task<ImportGiasExtractResponse> ImportGiasExtract(IAsyncStreamReader<ImportGiasExtractRequest> requestStream, ServerCallContext context)
    {
        try
        {
            return await importer.ImportAsync(ParseAsync(requestStream, context.CancellationToken), context.CancellationToken);
        }
        catch (GiasFormatException ex)
        {
            throw new ValidationFailedException("chunk", $"The file is not a GIAS extract: {ex.Message}");
        }
    }

    private static async IAsyncEnumerable<GiasParseResult> ParseAsync(IAsyncStreamReader<ImportGiasExtractRequest> requests, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        GiasReader? reader = null;
        await foreach (var request in requests.ReadAllAsync(cancellationToken))
        {
            reader ??= new GiasReader(LocalAuthorityFilter(request));
            foreach (var result in reader.Feed(request.Chunk.Span)) yield return result;
        }
        if (reader is null) throw new ValidationFailedException("chunk", "No part of a file arrived: send the extract in one or more chunks.");
        foreach (var result in reader.Complete()) yield return result;
    }

    /// <summary>England has about 150 local authorities.</summary>
    private const int MaxLocalAuthorities = 200;

    private static IReadOnlySet<int>? LocalAuthorityFilter(ImportGiasExtractRequest first)
    {
        if (first.LocalAuthorities.Count == 0) return null;
        if (first.LocalAuthorities.Count > MaxLocalAuthorities)
            throw new ValidationFailedException("local_authorities", $"At most {MaxLocalAuthorities} local authorities; this import names {first.LocalAuthorities.Count}.");
        return first.LocalAuthorities.Select((name, i) => int.Parse(ResourceNames.LocalAuthorityCode(name, $"local_authorities[{i}]"))).ToHashSet();
    }
}
