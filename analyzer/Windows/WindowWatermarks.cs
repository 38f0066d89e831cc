using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.State;

namespace NetOps.Analyzer.Windows;

/// <summary>Reads and moves the watermark and state of one window job (<c>window_watermarks</c>), the two together.</summary>
public sealed class WindowWatermarks(IDbContextFactory<NetOpsDbContext> contexts, TimeProvider time)
{
    /// <summary>States longer than this are stored compressed (a baseline per site and line is megabytes of JSON).</summary>
    public const int CompressAbove = 16 * 1024;
    private const string GzipPrefix = "gzip:";

    public async Task<WindowWatermark?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.WindowWatermarks.AsNoTracking().SingleOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (row is not null) row.StateJson = Unpack(row.StateJson);
        return row;
    }

    /// <summary>The state as stored: as it is, or gzip in base64 behind a prefix when long.</summary>
    public static string? Pack(string? json)
    {
        if (json is null || json.Length <= CompressAbove) return json;
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(json));
        return GzipPrefix + Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string? Unpack(string? stored)
    {
        if (stored is null || !stored.StartsWith(GzipPrefix, StringComparison.Ordinal)) return stored;
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(stored[GzipPrefix.Length..])), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Moves the watermark to <paramref name="watermarkMs"/> with <paramref name="stateJson"/>, unless another run got
    /// there first (<paramref name="expectedMs"/> is what this run started from): answers false then, and changes nothing.
    /// </summary>
    public async Task<bool> AdvanceAsync(string name, long? expectedMs, long watermarkMs, string? stateJson, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await StateDbTransactions.BeginWriteAsync(db, 0x4E65744F7073576D, cancellationToken); // "NetOpsWm"
        var row = await db.WindowWatermarks.SingleOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (row is null)
        {
            if (expectedMs is not null) return false;
            db.WindowWatermarks.Add(row = new WindowWatermark { Name = name });
        }
        else if (row.WatermarkMs != expectedMs) return false;
        row.WatermarkMs = watermarkMs;
        row.StateJson = Pack(stateJson);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Stores state without a window (the real-time path's checkpoint).</summary>
    public async Task SaveStateAsync(string name, string? stateJson, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.WindowWatermarks.SingleOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (row is null) db.WindowWatermarks.Add(row = new WindowWatermark { Name = name });
        row.StateJson = Pack(stateJson);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
