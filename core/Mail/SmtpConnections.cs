using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace NetOps.Core.Mail;

/// <summary>Opens an SMTP connection the way <c>Smtp:*</c> says (security, credentials); one rule for every part that mails.</summary>
public static class SmtpConnections
{
    public static async Task<SmtpClient> ConnectAsync(SmtpOptions smtp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            // TCP_NODELAY: without it a mail larger than a segment or two (a signed advisory, a digest) waits ~40 ms for
            // the server's delayed ACK at every command (Nagle), which capped a connection at ~21 signed mails/s.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(smtp.Host, smtp.Port, cancellationToken).AsTask().WaitAsync(timeout, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            await client.ConnectAsync(socket, smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Says QUIT within 2 s if it can, and lets the connection go either way.</summary>
    public static async Task CloseAsync(SmtpClient? client)
    {
        if (client is null) return;
        try
        {
            if (client.IsConnected)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(true, cts.Token);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // a connection that cannot say QUIT is dropped anyway
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>The server's reply as an operator reads it: <c>550 5.1.1 user unknown (recipient x@y)</c>.</summary>
    public static string Reply(SmtpCommandException e) =>
        $"{(int)e.StatusCode} {e.Message.Trim()}" + (e.Mailbox is { } m ? $" ({e.ErrorCode switch { SmtpErrorCode.RecipientNotAccepted => "recipient", SmtpErrorCode.SenderNotAccepted => "sender", _ => "message" }} {m.Address})" : "");
}
