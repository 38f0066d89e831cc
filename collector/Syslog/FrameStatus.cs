namespace NetOps.Collector.Syslog;

/// <summary>What one call of <see cref="SyslogFrameDecoder.TryReadFrame(ref System.Buffers.ReadOnlySequence{byte}, bool, out System.Buffers.ReadOnlySequence{byte})"/> produced.</summary>
public enum FrameStatus : byte
{
    /// <summary>No complete frame in the buffer; read more (or, at end of stream, nothing is left).</summary>
    NeedMoreData,
    /// <summary>A frame (without its trailer) was returned.</summary>
    Frame,
    /// <summary>Bytes were skipped (see <see cref="SyslogFrameDecoder.LastError"/>); count them as one malformed message.</summary>
    Skipped,
}
