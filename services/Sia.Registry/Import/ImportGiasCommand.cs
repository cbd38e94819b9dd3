using Google.Protobuf;
using Grpc.Net.Client;
using Sia.Registry.V1;

namespace Sia.Registry.Import;

/// <summary>
/// The command line way to import: streams a GIAS extract file to a running registry.
/// dotnet run --project services/Sia.Registry -- import-gias FILE [--local-authority 816]... [--registry http://localhost:5101]
/// </summary>
public static class ImportGiasCommand
{
    private const int ChunkSize = 256 * 1024;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (!TryParse(args, out var file, out var registry, out var localAuthorities))
        {
            output.WriteLine("usage: import-gias FILE [--local-authority CODE]... [--registry http://localhost:5101]");
            return 2;
        }
        if (!File.Exists(file))
        {
            output.WriteLine($"import-gias: no file at {file}");
            return 2;
        }

        using var channel = GrpcChannel.ForAddress(registry);
        using var call = new GiasImportService.GiasImportServiceClient(channel).ImportGiasExtract();
        await using (var stream = File.OpenRead(file))
        {
            var buffer = new byte[ChunkSize];
            var first = true;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                var request = new ImportGiasExtractRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) };
                if (first) request.LocalAuthorities.AddRange(localAuthorities.Select(code => $"localAuthorities/{code}"));
                first = false;
                await call.RequestStream.WriteAsync(request);
            }
        }
        await call.RequestStream.CompleteAsync();
        var summary = await call;

        output.WriteLine($"created {summary.CreatedCount}, updated {summary.UpdatedCount}, unchanged {summary.UnchangedCount}, rejected {summary.RejectedCount}");
        foreach (var rejected in summary.RejectedRows) output.WriteLine($"line {rejected.LineNumber}: {rejected.Reason}");
        if (summary.RejectedCount > summary.RejectedRows.Count) output.WriteLine($"... and {summary.RejectedCount - summary.RejectedRows.Count} more rejected rows");
        return 0;
    }

    private static bool TryParse(string[] args, out string file, out string registry, out List<string> localAuthorities)
    {
        (file, registry, localAuthorities) = ("", "http://localhost:5101", []);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--registry" when i + 1 < args.Length:
                    registry = args[++i];
                    break;
                case "--local-authority" when i + 1 < args.Length:
                    localAuthorities.Add(args[++i]);
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && file.Length == 0:
                    file = value;
                    break;
                default:
                    return false;
            }
        }
        return file.Length > 0;
    }
}
