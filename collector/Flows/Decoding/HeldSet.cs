namespace NetOps.Collector.Flows.Decoding;

/// <summary>A copy of a data set whose template was not known when it arrived, with what decoding it later needs.</summary>
internal sealed class HeldSet(ushort templateId, byte[] buffer, int length, long heldAtNs, long exportNs, uint uptimeMs)
{
    public ushort TemplateId { get; } = templateId;
    /// <summary>Rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>; returned when released or dropped.</summary>
    public byte[] Buffer { get; } = buffer;
    public int Length { get; } = length;
    public long HeldAtNs { get; } = heldAtNs;
    public long ExportNs { get; } = exportNs;
    /// <summary>The v9 header's sysUptime, to which FIRST/LAST_SWITCHED are relative.</summary>
    public uint UptimeMs { get; } = uptimeMs;
}
