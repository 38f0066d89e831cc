using System.Diagnostics;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using NetOps.Alerting.Engine;
using NetOps.Core.Hosting;
using NetOps.Core.Mail;

namespace NetOps.Alerting.Mail;

/// <summary>
/// Mails the pages in <c>alert_notifications</c> over one SMTP connection (<c>Smtp:*</c>): 250 → sent; 4xx, a timeout
/// or a lost connection → tried again with backoff (<c>Alerting:Delivery:*</c>); 5xx → failed, recorded on the page
/// and its alerts and counted on <c>/metrics</c>. Each reply is recorded at once, so after a SIGKILL the only page
/// that can go twice is the one whose 250 arrived just before (it carries the same Message-ID).
/// </summary>
public sealed partial class PageSender(
    PageOutbox outbox,
    PageSignal signal,
    AlertingMetrics metrics,
    BackgroundLoops loops,
    IOptions<AlertingOptions> alertingOptions,
    IOptions<SmtpOptions> smtpOptions,
    TimeProvider time,
    ILogger<PageSender> logger) : BackgroundService
{
    private readonly AlertDeliveryOptions _options = alertingOptions.Value.Delivery;
    private readonly SmtpOptions _smtp = smtpOptions.Value;
    private readonly BackgroundLoop _loop = loops.Register("alerting", "pages");
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(120);

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.Stopping();
        return base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(() => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        SmtpClient? client = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                bool worked = false;
                try
                {
                    var (token, rows) = await outbox.ClaimAsync(_node, 50, Lease, stoppingToken);
                    try
                    {
                        foreach (var page in rows)
                        {
                            if (stoppingToken.IsCancellationRequested) break;
                            worked = true;
                            client = await SendAsync(client, page, token, stoppingToken);
                        }
                    }
                    finally
                    {
                        if (rows.Count > 0) await outbox.ReleaseAsync(token, CancellationToken.None);
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
                await SmtpConnections.CloseAsync(client);
                client = null;
                try { await signal.WaitAsync(TimeSpan.FromMilliseconds(_options.PollMilliseconds), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        finally
        {
            await SmtpConnections.CloseAsync(client);
        }
    }

    /// <summary>Sends one page; answers the connection to use next (null after a failure that makes it suspect).</summary>
    private async Task<SmtpClient?> SendAsync(SmtpClient? client, ClaimedPage page, string token, CancellationToken stoppingToken)
    {
        var message = AlertMail.Build(page.Subject, page.Body, MailboxAddress.Parse(_smtp.From), page.Address, page.MessageId, time.GetUtcNow());
        try
        {
            if (client is not { IsConnected: true })
            {
                await SmtpConnections.CloseAsync(client);
                client = null;
                client = await SmtpConnections.ConnectAsync(_smtp, TimeSpan.FromSeconds(_options.TimeoutSeconds), stoppingToken);
            }
            // Not the stopping token: a send cut off after DATA could be accepted without our knowing.
            await client.SendAsync(message, CancellationToken.None);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            var reply = SmtpConnections.Reply(e);
            await outbox.FailAsync(page, page.Attempts + 1, reply, CancellationToken.None);
            metrics.Pages.WithLabels("failed").Inc();
            PermanentFailure(logger, page.Id, page.Address, reply);
            return client;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var reply = e is SmtpCommandException c ? SmtpConnections.Reply(c) : $"{e.GetType().Name}: {e.Message}";
            if (e is not SmtpCommandException)
            {
                await SmtpConnections.CloseAsync(client);
                client = null;
            }
            int attempts = page.Attempts + 1;
            if (attempts >= _options.MaxAttempts)
            {
                await outbox.FailAsync(page, attempts, $"gave up after {attempts} tries: {reply}", CancellationToken.None);
                metrics.Pages.WithLabels("failed").Inc();
                PermanentFailure(logger, page.Id, page.Address, reply);
                return client;
            }
            var wait = Backoff.After(attempts, TimeSpan.FromSeconds(_options.RetryInitialSeconds), TimeSpan.FromSeconds(_options.RetryMaxSeconds));
            await outbox.RetryLaterAsync(page.Id, token, attempts, time.GetUtcNow() + wait, reply, CancellationToken.None);
            metrics.Pages.WithLabels("retried").Inc();
            WillRetry(logger, page.Id, page.Address, attempts, reply, wait);
            return client;
        }
        // Right after the 250: until this row says sent, a crash means a second copy (with the same Message-ID).
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await outbox.MarkSentAsync(page.Id, CancellationToken.None);
                break;
            }
            catch (Exception e) when (attempt < 5 && e is not OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), time, CancellationToken.None);
            }
        }
        metrics.Pages.WithLabels("sent").Inc();
        return client;
    }

    [LoggerMessage(1511, LogLevel.Error, "Page {Id} to {Address} failed for good: {Reply}")]
    private static partial void PermanentFailure(ILogger logger, long id, string address, string reply);

    [LoggerMessage(1512, LogLevel.Warning, "Page {Id} to {Address}: try {Attempts} deferred ({Reply}); next in {Wait}")]
    private static partial void WillRetry(ILogger logger, long id, string address, int attempts, string reply, TimeSpan wait);
}
