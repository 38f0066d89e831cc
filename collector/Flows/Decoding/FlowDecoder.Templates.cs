using System.Buffers;

namespace NetOps.Collector.Flows.Decoding;

public sealed partial class FlowDecoder
{
    /// <summary>
    /// Stores a template (or refreshes an unchanged resend without recompiling) and releases the data sets held for
    /// it. New templates count against the per-exporter and total caps.
    /// </summary>
    private FlowDecodeError StoreTemplate(ExporterDomain d, ushort id, bool isOptions, ReadOnlySpan<FieldSpec> specs, ReadOnlySpan<byte> definition)
    {
        if (d.Templates.TryGetValue(id, out var existing) && existing.IsOptions == isOptions && definition.SequenceEqual(existing.Definition))
        {
            existing.LastSeenNs = _nowNs;
            _metrics.TemplateEvent("refreshed");
            if (d.Held.Count > 0) ReleaseHeld(d, existing);
            return FlowDecodeError.None;
        }
        var t = FlowTemplate.Compile(id, isOptions, specs, definition);
        if (t is null)
        {
            _metrics.TemplateEvent("rejected");
            return FlowDecodeError.BadTemplate;
        }
        t.LastSeenNs = _nowNs;
        if (existing is not null)
        {
            d.Templates[id] = t;
            _metrics.TemplateEvent("replaced");
        }
        else
        {
            _templatesPerExporter.TryGetValue(d.Key.Exporter, out int perExporter);
            if (perExporter >= _options.MaxTemplatesPerExporter || _templateCount >= _options.MaxTemplates)
            {
                _metrics.TemplateEvent("rejected");
                _skipped++;
                // a hostile exporter could send thousands of templates per second: one line per minute per exporter/domain
                // (no sentinel arithmetic: now − long.MinValue overflowed, and the warning never logged)
                if (d.LastCapLogNs is not { } last || _nowNs - last >= 60_000_000_000L)
                {
                    d.LastCapLogNs = _nowNs;
                    _logger.TemplateCap(id, d.Exporter, d.Key.Domain, _templateCount);
                }
                return FlowDecodeError.TooManyTemplates;
            }
            d.Templates.Add(id, t);
            _templatesPerExporter[d.Key.Exporter] = perExporter + 1;
            _templateCount++;
            _metrics.Templates.Inc();
            _metrics.TemplateEvent("added");
        }
        if (d.Held.Count > 0) ReleaseHeld(d, t);
        return FlowDecodeError.None;
    }

    private void RemoveTemplate(ExporterDomain d, ushort id, string reason)
    {
        if (!d.Templates.Remove(id)) return;
        _templateCount--;
        _metrics.Templates.Dec();
        _metrics.TemplateEvent(reason);
        if (_templatesPerExporter.TryGetValue(d.Key.Exporter, out int n))
        {
            if (n <= 1) _templatesPerExporter.Remove(d.Key.Exporter);
            else _templatesPerExporter[d.Key.Exporter] = n - 1;
        }
    }

    private void Withdraw(ExporterDomain d, ushort id) => RemoveTemplate(d, id, "withdrawn");

    private void WithdrawAll(ExporterDomain d, bool options)
    {
        foreach (var (id, t) in d.Templates)
            if (t.IsOptions == options) RemoveTemplate(d, id, "withdrawn");
    }

    /// <summary>Copies a data set whose template is unknown, within the per-exporter and total bounds.</summary>
    private void Hold(ExporterDomain d, ushort templateId, ReadOnlySpan<byte> body, long exportNs, uint uptimeMs)
    {
        if (d.Held.Count >= _options.MaxHeldSetsPerExporter
            || d.HeldBytes + body.Length > _options.MaxHeldBytesPerExporter
            || _heldByteCount + body.Length > _options.MaxHeldBytes)
        {
            _metrics.DroppedSets(FlowSetDropReason.HoldFull);
            _skipped++;
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(body.Length);
        body.CopyTo(buffer);
        d.Held.Add(new HeldSet(templateId, buffer, body.Length, _nowNs, exportNs, uptimeMs));
        d.HeldBytes += body.Length;
        _heldSetCount++;
        _heldByteCount += body.Length;
        _metrics.HeldSets.Inc();
        _metrics.HeldBytes.Inc(body.Length);
        _held++;
    }

    /// <summary>Decodes the sets held for a template that just arrived (with their own export time), oldest first.</summary>
    private void ReleaseHeld(ExporterDomain d, FlowTemplate t)
    {
        for (int i = 0; i < d.Held.Count;)
        {
            var h = d.Held[i];
            if (h.TemplateId != t.Id) { i++; continue; }
            Unhold(d, i);
            if (_nowNs - h.HeldAtNs > _holdTimeoutNs) _metrics.DroppedSets(FlowSetDropReason.NoTemplate);
            else if (DecodeRecords(d, t, h.Buffer.AsSpan(0, h.Length), h.ExportNs, h.UptimeMs, out _) == FlowDecodeError.None)
                _metrics.ReleasedSets();
            else _metrics.DroppedSets(FlowSetDropReason.Malformed);
            ArrayPool<byte>.Shared.Return(h.Buffer);
        }
    }

    private int ExpireHeldSets(ExporterDomain d, long nowNs)
    {
        int dropped = 0;
        for (int i = 0; i < d.Held.Count;)
        {
            var h = d.Held[i];
            if (nowNs - h.HeldAtNs <= _holdTimeoutNs) { i++; continue; }
            Unhold(d, i);
            ArrayPool<byte>.Shared.Return(h.Buffer);
            _metrics.DroppedSets(FlowSetDropReason.NoTemplate);
            dropped++;
        }
        return dropped;
    }

    private void Unhold(ExporterDomain d, int index)
    {
        var h = d.Held[index];
        d.Held.RemoveAt(index);
        d.HeldBytes -= h.Length;
        _heldSetCount--;
        _heldByteCount -= h.Length;
        _metrics.HeldSets.Dec();
        _metrics.HeldBytes.Dec(h.Length);
    }
}
