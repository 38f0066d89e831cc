using System.CommandLine;
using CsvHelper;
using NetOps.Core.Audit;
using NetOps.Dashboard.Api;

namespace NetOps.Dashboard.Cli;

/// <summary><c>netops audit verify|export</c>.</summary>
public static class AuditCommands
{
    public static Command Build(IServiceProvider services)
    {
        var audit = new Command("audit", "The audit chain");

        var verify = new Command("verify", "Check every record's hash and link: exit 0 with the count when intact, 1 naming the first broken record");
        verify.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var result = await sp.GetRequiredService<AuditLog>().VerifyAsync(ct);
            (result.Intact ? Console.Out : Console.Error).WriteLine(result.ToString());
            return result.Intact ? 0 : 1;
        }));
        audit.Subcommands.Add(verify);

        var file = new Argument<string>("FILE") { Description = "CSV file to write, or - for stdout" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "first time (ISO 8601)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "end time (ISO 8601, exclusive)" };
        var export = new Command("export", "Write the audit records with their hashes as CSV") { file, from, to };
        export.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var log = sp.GetRequiredService<AuditLog>();
            var records = await log.QueryAsync(new AuditQuery(parse.GetValue(from), parse.GetValue(to), Limit: 1_000_000, Ascending: true), ct);
            var path = parse.GetValue(file)!;
            await using (var writer = path == "-" ? new StreamWriter(Console.OpenStandardOutput()) : new StreamWriter(path, false, new System.Text.UTF8Encoding(false)))
            await using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true))
                await AuditEndpoints.WriteAsync(csv, records, ct);
            await log.RecordAsync(new AuditEntry(CliCommands.Actor, "audit.export", path == "-" ? "stdout" : Path.GetFullPath(path), null, new { records = records.Count }), ct);
            if (path != "-") Console.Error.WriteLine($"{records.Count} audit records written to {path}");
            return 0;
        }));
        audit.Subcommands.Add(export);
        return audit;
    }
}
