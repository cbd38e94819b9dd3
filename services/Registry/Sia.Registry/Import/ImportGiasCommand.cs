using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.Registry.V1;

namespace Sia.Registry.Import;

/// <summary>
/// The command line way to import: streams a GIAS extract file to a running registry, straight or through the gateway as a
/// partner. dotnet run --project services/Registry/Sia.Registry -- import-gias FILE [--local-authority 816]... [--gateway URL] ...
/// </summary>
public static class ImportGiasCommand
{
    public const string KeyVariable = "SIA_API_KEY";
    private const int ChunkSize = 256 * 1024;

    private const string Usage = $"""
        usage: import-gias FILE [--local-authority CODE]... [--gateway URL [--key KEY]] [--registry URL]
          --local-authority CODE  only this LA's schools (repeat for more); default every LA in the file
          --gateway URL           through the SIA gateway (for example http://localhost:5100) with a partner's API key:
                                  --key KEY or the environment variable {KeyVariable}
          --registry URL          straight to a registry (default {ImportOptions.DefaultRegistry})
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (!ImportOptions.TryParse(args, environment ?? EnvironmentVariables(), out var options, out var problem))
        {
            output.WriteLine($"import-gias: {problem}");
            output.WriteLine(Usage);
            return 2;
        }
        if (!File.Exists(options.File))
        {
            output.WriteLine($"import-gias: no file at {options.File}");
            return 2;
        }

        try
        {
            var summary = await ImportAsync(options, output);
            output.WriteLine($"created {summary.CreatedCount}, updated {summary.UpdatedCount}, unchanged {summary.UnchangedCount}, rejected {summary.RejectedCount}");
            foreach (var rejected in summary.RejectedRows) output.WriteLine($"line {rejected.LineNumber}: {rejected.Reason}");
            if (summary.RejectedCount > summary.RejectedRows.Count) output.WriteLine($"... and {summary.RejectedCount - summary.RejectedRows.Count} more rejected rows");
            return 0;
        }
        catch (RpcException e)
        {
            output.WriteLine($"import-gias: {options.Target} answered {e.StatusCode}: {e.Status.Detail}");
            return 1;
        }
    }

    private static async Task<ImportGiasExtractResponse> ImportAsync(ImportOptions options, TextWriter output)
    {
        using var channel = GrpcChannel.ForAddress(options.Target);
        var headers = options.Key is { } key ? new Metadata { { "authorization", $"Bearer {key}" } } : null;
        using var call = new GiasImportService.GiasImportServiceClient(channel).ImportGiasExtract(headers);
        try
        {
            await using var stream = File.OpenRead(options.File);
            var progress = new Progress(stream.Length, output);
            var buffer = new byte[ChunkSize];
            var first = true;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                var request = new ImportGiasExtractRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) };
                if (first) request.LocalAuthorities.AddRange(options.LocalAuthorities.Select(code => $"localAuthorities/{code}"));
                first = false;
                await call.RequestStream.WriteAsync(request);
                progress.Sent(stream.Position);
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The other end answered (a refusal, say) while the file was still going: its answer says why, not the write
            // it cut short, which may show only as CANCELLED.
            await call.ResponseAsync;
            throw;
        }
        output.WriteLine("sent the whole file; waiting for the registry to finish the import...");
        return await call;
    }

    private static Dictionary<string, string?> EnvironmentVariables() => new() { [KeyVariable] = Environment.GetEnvironmentVariable(KeyVariable) };

    /// <summary>A line at each tenth of the file sent.</summary>
    private sealed class Progress(long total, TextWriter output)
    {
        private int _reportedTenths;

        public void Sent(long bytes)
        {
            var tenths = total == 0 ? 10 : (int)(bytes * 10 / total);
            if (tenths <= _reportedTenths) return;
            _reportedTenths = tenths;
            output.WriteLine(total >= 1_000_000
                ? string.Create(CultureInfo.InvariantCulture, $"sent {bytes / 1e6:0.0} of {total / 1e6:0.0} MB ({tenths * 10}%)")
                : string.Create(CultureInfo.InvariantCulture, $"sent {bytes / 1e3:0} of {total / 1e3:0} KB ({tenths * 10}%)"));
        }
    }
}
