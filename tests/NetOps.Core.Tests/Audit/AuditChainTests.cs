using System.Security.Cryptography;
using System.Text;
using NetOps.Core.Audit;

namespace NetOps.Core.Tests.Audit;

/// <summary>
/// The canonical form is a contract with auditors, who recompute hashes from the CSV export (README "Audit"): known
/// records give known bytes and known hashes, computed here without <see cref="AuditChain"/>.
/// </summary>
public sealed class AuditChainTests
{
    // Each field as its UTF-8 byte length, ':' and its bytes, or '-' when absent; ',' between them. 下関市 is 9 bytes.
    private const string FirstCanonical =
        """1:1,27:2026-04-01T09:00:00.123456Z,5:alice,10:192.0.2.10,21:inventory.site.update,6:352012,-,20:{"name":"下関市"},64:0000000000000000000000000000000000000000000000000000000000000000""";

    // The README's Python check, run once over the forms above and below; a change here breaks every stored chain.
    private const string FirstHash = "9a55b178c660b52bbbbfe3b6a886d377c83fefb59afbbb78972b6f84c16ee6c8";
    private const string SecondHash = "3e606149828184223d44421a88d6188bdc792b9dad7a0631b5c3fad7f35e528e";

    private static AuditRecord First() => new()
    {
        Sequence = 1,
        // 0.1234567 s: the seventh digit is below what the chain keeps and must not show in the form.
        Time = new DateTimeOffset(2026, 4, 1, 18, 0, 0, TimeSpan.FromHours(9)).AddTicks(1_234_567),
        Actor = "alice",
        Source = "192.0.2.10",
        Action = "inventory.site.update",
        Target = "352012",
        Before = null,
        After = """{"name":"下関市"}""",
        PreviousHash = AuditChain.Genesis,
    };

    [Fact]
    public void A_known_record_has_the_documented_canonical_form_and_its_SHA256()
    {
        var record = First();

        Assert.Equal(FirstCanonical, Encoding.UTF8.GetString(AuditChain.CanonicalForm(record)));
        Assert.Equal(Sha256Hex(FirstCanonical), AuditChain.ComputeHash(record));
        Assert.Equal(FirstHash, AuditChain.ComputeHash(record));
    }

    [Fact]
    public void The_next_record_chains_to_the_hash_of_the_first_and_writes_absent_values_as_a_dash()
    {
        var second = new AuditRecord
        {
            Sequence = 2,
            Time = new DateTimeOffset(2026, 4, 1, 9, 0, 1, TimeSpan.Zero),
            Actor = "cli:root",
            Source = null,
            Action = "user.lock",
            Target = "bob",
            Before = """{"locked":false}""",
            After = null,
            PreviousHash = FirstHash,
        };
        var expected = $$"""1:2,27:2026-04-01T09:00:01.000000Z,8:cli:root,-,9:user.lock,3:bob,16:{"locked":false},-,64:{{FirstHash}}""";

        Assert.Equal(expected, Encoding.UTF8.GetString(AuditChain.CanonicalForm(second)));
        Assert.Equal(Sha256Hex(expected), AuditChain.ComputeHash(second));
        Assert.Equal(SecondHash, AuditChain.ComputeHash(second));
    }

    [Fact]
    public void Every_field_is_part_of_the_hash()
    {
        var hash = AuditChain.ComputeHash(First());
        var changes = new Action<AuditRecord>[]
        {
            r => r.Sequence = 2, r => r.Time = r.Time.AddTicks(10), r => r.Actor = "alicf", r => r.Source = null,
            r => r.Action = "inventory.site.create", r => r.Target = "352013", r => r.Before = "{}", r => r.After = null,
            r => r.PreviousHash = FirstHash,
        };
        foreach (var change in changes)
        {
            var r = First();
            change(r);
            Assert.NotEqual(hash, AuditChain.ComputeHash(r));
        }
    }

    [Fact]
    public void Truncate_keeps_whole_microseconds_in_UTC()
    {
        var t = AuditChain.Truncate(new DateTimeOffset(2026, 4, 1, 18, 0, 0, TimeSpan.FromHours(9)).AddTicks(1_234_567));

        Assert.Equal(TimeSpan.Zero, t.Offset);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), t);
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
