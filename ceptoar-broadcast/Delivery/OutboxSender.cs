using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using NetOps.Ceptoar.Acknowledgement;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Directory;
using NetOps.Ceptoar.Signing;
using NetOps.Core.Hosting;
using NetOps.Core.Mail;

namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// Works through <c>advisory_outbox</c> (the Broadcast role): claims due rows with a lease, sends each over a pool of
/// <c>Ceptoar:Delivery:Connections</c> SMTP connections at <c>Ceptoar:Delivery:MessagesPerSecond</c>, and records each
/// reply on its row: 250 → sent, group-committed with the other 250s of the moment (<see cref="SentMarks"/>); 4xx or a
/// timeout → retried with exponential backoff; 5xx → failed with the reply. The only window for a second copy is
/// between the server's 250 and the commit of its mark (a SIGKILL or a lost database there): at most
/// 2 × <c>MarkBatchSize</c> + <c>Connections</c> mails, in practice those accepted during one commit; the copy carries
/// the same Message-ID. A graceful stop finishes the message in hand, commits the marks and gives back the rest.
/// </summary>
public sealed class OutboxSender(
    OutboxStore outbox,
    AdvisoryStore advisories,
    BodyDirectory directory,
    AcknowledgementLinks links,
    DeliverySignal signal,
    DeliveryProgress progress,
    DeliveryMetrics metrics,
    AdvisorySigner signer,
    BackgroundLoops loops,
    IOptions<DeliveryOptions> deliveryOptions,
    IOptions<SmtpOptions> smtpOptions,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = deliveryOptions.Value;
    private readonly SmtpOptions _smtp = smtpOptions.Value;
    private readonly BackgroundLoop _loop = loops.Register("ceptoar", "sender");
    private readonly ConcurrentDictionary<long, AdvisoryDraft?> _drafts = new();
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}";
    private Pacer? _pacer;

    private string PublicUrl => configuration["Dashboard:PublicUrl"] is { Length: > 0 } u ? u : configuration["Dashboard:Url"] ?? "http://127.0.0.1:5080";

    /// <summary>Rows per claim: no more than the rate sends in half a lease, so that a claim is done long before its lease ends.</summary>
    internal int BatchSize => _options.MessagesPerSecond > 0
        ? (int)Math.Clamp(_options.MessagesPerSecond * _options.LeaseSeconds / 2, _options.Connections, _options.BatchSize)
        : _options.BatchSize;

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.Stopping();
        return base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(() => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        _pacer = new Pacer(_options.MessagesPerSecond, time);
        var clients = new SmtpClient?[_options.Connections];
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                bool worked = false;
                try
                {
                    int started = await advisories.StartDueAsync(stoppingToken);
                    if (started > 0) logger.StartedScheduled(started);
                    var claim = await outbox.ClaimAsync(_node, BatchSize, _options.Lease, stoppingToken);
                    if (claim.Rows.Count > 0)
                    {
                        worked = true;
                        await SendClaimAsync(claim, clients, stoppingToken);
                    }
                    foreach (var id in await outbox.CompleteAsync(stoppingToken))
                    {
                        logger.AdvisoryCompleted(id);
                        progress.Report(id);
                    }
                    _loop.Succeeded();
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    _loop.Failed(e);
                }
                if (worked) continue;
                // Idle: let the connections go rather than hold them open for the next advisory.
                await DisconnectAllAsync(clients);
                try { await signal.WaitAsync(TimeSpan.FromMilliseconds(_options.PollMilliseconds), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        finally
        {
            await DisconnectAllAsync(clients);
        }
    }

    private async Task SendClaimAsync(OutboxClaim claim, SmtpClient?[] clients, CancellationToken stoppingToken)
    {
        var queue = Channel.CreateUnbounded<ClaimedRow>(new UnboundedChannelOptions { SingleWriter = true });
        foreach (var row in claim.Rows) queue.Writer.TryWrite(row);
        queue.Writer.Complete();
        int workers = Math.Min(clients.Length, claim.Rows.Count);
        var marks = new SentMarks(outbox, _options.MarkBatchSize, Committed, time, logger);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(i => WorkAsync(i, clients, queue.Reader, claim, marks, stoppingToken)));
        }
        finally
        {
            try
            {
                // Every 250 of this claim is marked (or its mark has failed for good) before any of its rows goes back.
                await marks.CompleteAsync();
            }
            finally
            {
                // Rows not sent (a stop, or a lease about to end) are free for the next claim at once, here or on another node.
                await outbox.ReleaseAsync(claim.Token, CancellationToken.None);
            }
        }
    }

    /// <summary>After each group commit of sent-marks: the counter, and the advisories' open pages (the sent count moves while the send runs).</summary>
    private void Committed(IReadOnlyList<ClaimedRow> rows)
    {
        metrics.Mails.WithLabels("sent").Inc(rows.Count);
        foreach (var id in rows.Select(r => r.AdvisoryId).Distinct()) progress.Report(id);
    }

    private async Task WorkAsync(int slot, SmtpClient?[] clients, ChannelReader<ClaimedRow> queue, OutboxClaim claim, SentMarks marks, CancellationToken stoppingToken)
    {
        // Stop taking new rows when less than one SMTP timeout (at most a quarter of the lease) is left: a send still
        // running when the lease ends could be taken over and sent again by another node.
        var margin = TimeSpan.FromTicks(Math.Min(_options.Timeout.Ticks, _options.Lease.Ticks / 4));
        while (queue.TryRead(out var row))
        {
            if (stoppingToken.IsCancellationRequested) return;
            if (time.GetUtcNow() + margin > claim.LeaseUntil)
            {
                logger.LeaseEnding(claim.Rows.Count);
                return;
            }
            var draft = await DraftAsync(row.AdvisoryId, stoppingToken);
            if (draft is null)
            {
                await outbox.FailAsync(row.Id, row.Attempts, "the advisory no longer exists", CancellationToken.None);
                progress.Report(row.AdvisoryId);
                continue;
            }
            if (signer.Status() is (SigningState.Expired, var expired))
            {
                // Held, not dropped and not sent unsigned: the rows wait until a valid certificate is configured (a restart).
                await outbox.RetryLaterAsync(row.Id, claim.Token, row.Attempts, time.GetUtcNow() + TimeSpan.FromSeconds(_options.RetryMaxSeconds), expired, CancellationToken.None);
                continue;
            }
            await _pacer!.WaitAsync(stoppingToken);
            var message = Compose(row, draft);
            signer.Sign(message);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var client = await ConnectedAsync(clients, slot, stoppingToken);
                // Not the stopping token: a send cut off after DATA could be accepted without our knowing, so a stop
                // lets the message in hand finish (bounded by the client's timeout).
                await client.SendAsync(message, CancellationToken.None);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                var reply = Reply(e);
                await outbox.FailAsync(row.Id, row.Attempts + 1, reply, CancellationToken.None);
                metrics.Mails.WithLabels("failed").Inc();
                logger.PermanentFailure(row.AdvisoryId, row.Address, reply);
                progress.Report(row.AdvisoryId);
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // 4xx, a timeout, a dropped or refused connection: this connection is suspect, the recipient is tried later.
                if (e is not SmtpCommandException) await DisconnectAsync(clients, slot);
                await RetryAsync(row, claim, e is SmtpCommandException c ? Reply(c) : $"{e.GetType().Name}: {e.Message}");
                progress.Report(row.AdvisoryId);
                continue;
            }
            metrics.SendSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            await MarkSentAsync(marks, row);
        }
    }

    /// <summary>Right after the 250, before anything else: the mark's group commit closes the window in which a crash means a second copy.</summary>
    private async Task MarkSentAsync(SentMarks marks, ClaimedRow row)
    {
        try
        {
            await marks.AddAsync(row);
        }
        catch (ChannelClosedException e)
        {
            // The marks failed for good while this row waited for room: it is in the window too.
            logger.MarkSentFailed(e.InnerException ?? e, row.AdvisoryId, row.Address);
            throw;
        }
    }

    private async Task RetryAsync(ClaimedRow row, OutboxClaim claim, string reply)
    {
        int attempts = row.Attempts + 1;
        if (attempts >= _options.MaxAttempts)
        {
            await outbox.FailAsync(row.Id, attempts, $"gave up after {attempts} tries: {reply}", CancellationToken.None);
            metrics.Mails.WithLabels("failed").Inc();
            logger.PermanentFailure(row.AdvisoryId, row.Address, reply);
            return;
        }
        var wait = Backoff.After(attempts, TimeSpan.FromSeconds(_options.RetryInitialSeconds), TimeSpan.FromSeconds(_options.RetryMaxSeconds));
        await outbox.RetryLaterAsync(row.Id, claim.Token, attempts, time.GetUtcNow() + wait, reply, CancellationToken.None);
        metrics.Mails.WithLabels("retried").Inc();
        logger.WillRetry(row.AdvisoryId, row.Address, attempts, reply, wait);
    }

    private MimeMessage Compose(ClaimedRow row, AdvisoryDraft draft)
    {
        var now = time.GetUtcNow();
        var expires = now.AddDays(_options.LinkDays);
        var to = new AdvisoryMail.Recipient(row.Address, row.Code, directory.Find(row.Code)?.Name ?? row.Code, row.MessageId,
            links.Url(PublicUrl, row.AdvisoryId, row.Address, expires), expires, row.Charset, row.Round);
        var composed = AdvisoryMail.Compose(row.AdvisoryId, draft, to, MailboxAddress.Parse(_smtp.From), now);
        if (composed.Fallback is { } why) logger.CharsetFallback(row.AdvisoryId, row.Address, row.Charset, why);
        return composed.Message;
    }

    private async Task<AdvisoryDraft?> DraftAsync(long id, CancellationToken cancellationToken)
    {
        if (_drafts.TryGetValue(id, out var cached)) return cached;
        // An advisory's content is fixed once approved; the cache only grows by advisories sent by this process.
        if (_drafts.Count > 1000) _drafts.Clear();
        var advisory = await advisories.FindAsync(id, cancellationToken);
        return _drafts[id] = advisory?.Draft;
    }

    private async Task<SmtpClient> ConnectedAsync(SmtpClient?[] clients, int slot, CancellationToken cancellationToken)
    {
        if (clients[slot] is { IsConnected: true } c) return c;
        clients[slot]?.Dispose();
        clients[slot] = null;
        return clients[slot] = await SmtpConnections.ConnectAsync(_smtp, _options.Timeout, cancellationToken);
    }

    private static async Task DisconnectAsync(SmtpClient?[] clients, int slot)
    {
        var c = clients[slot];
        clients[slot] = null;
        await SmtpConnections.CloseAsync(c);
    }

    private static async Task DisconnectAllAsync(SmtpClient?[] clients)
    {
        for (int i = 0; i < clients.Length; i++) await DisconnectAsync(clients, i);
    }

    internal static string Reply(SmtpCommandException e) => SmtpConnections.Reply(e);
}
