namespace NetOps.Collector.Flows.Decoding;

/// <summary>What <see cref="FlowDecoder.Decode"/> did with one datagram.</summary>
/// <param name="Error">The first error met; <see cref="FlowDecodeError.None"/> when the whole datagram was understood.</param>
/// <param name="Version">The header's version field (0 when the datagram is shorter than 2 bytes).</param>
/// <param name="RecordsEmitted">Flow records handed to the sink, including records of earlier held sets released by a template in this datagram.</param>
/// <param name="SetsHeld">Data sets kept because their template is not known yet (their record count is unknown until it arrives).</param>
/// <param name="SetsSkipped">Sets not decoded: templates refused by a cap, reserved set ids, held sets that did not fit the hold.</param>
public readonly record struct FlowDecodeResult(FlowDecodeError Error, ushort Version, int RecordsEmitted, int SetsHeld, int SetsSkipped)
{
    public bool IsSuccess => Error == FlowDecodeError.None;
}
