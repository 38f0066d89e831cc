using FsCheck;
using FsCheck.Fluent;
using NetOps.Ceptoar.Directory;

namespace NetOps.Ceptoar.Tests;

public sealed class DirectoryTests
{
    private static readonly BodyDirectory Bodies = BodyDirectory.Shipped;

    [Fact]
    public void The_directory_has_every_body_of_the_shipped_list()
    {
        Assert.Equal(1788, Bodies.Bodies.Count);
        Assert.Equal(47, Bodies.Bodies.Count(b => b.IsPrefecture));
        Assert.Equal("千代田区", Bodies.Find("131016")?.Name);
    }

    [Fact]
    public void Search_finds_by_name_kana_and_code()
    {
        Assert.Contains(Bodies.Search("千代田"), b => b.Code == "131016");
        Assert.Contains(Bodies.Search("ちよだ"), b => b.Code == "131016");
        Assert.Contains(Bodies.Search("1310"), b => b.Code == "131016");
        Assert.Equal(1788, Bodies.Search(" ").Count());
    }

    [Fact]
    public void Groups_resolve_to_all_a_prefecture_with_its_municipalities_or_a_list()
    {
        Assert.Equal(1788, Bodies.Resolve(new RecipientGroup.All()).Bodies.Count);

        var tokyo = Bodies.Resolve(new RecipientGroup.Prefecture("13"));
        Assert.Contains(tokyo.Bodies, b => b.IsPrefecture && b.Code == "130001");
        Assert.Contains(tokyo.Bodies, b => b.Code == "131016");
        Assert.All(tokyo.Bodies, b => Assert.Equal("13", b.PrefectureCode));

        var list = Bodies.Resolve(new RecipientGroup.Codes(["131016", "131016", "011002", "999997"]));
        Assert.Equal(["011002", "131016"], list.Bodies.Select(b => b.Code));
        Assert.Equal(["999997"], list.UnknownCodes);

        Assert.Equal(["99"], Bodies.Resolve(new RecipientGroup.Prefecture("99")).UnknownCodes);
    }

    [Fact]
    public void A_contact_whose_body_merged_away_is_flagged_not_dropped()
    {
        // 旧 浦和市 (112046) merged into さいたま市 in 2001: its code is well formed but names no body now.
        var contacts = new[] { new AdvisoryContact("131016", "ciso@city.chiyoda.example.jp", "CISO"), new AdvisoryContact("112046", "joho@city.urawa.example.jp", "情報政策課") };
        var orphaned = Bodies.Orphaned(contacts);
        var flagged = Assert.Single(orphaned);
        Assert.Equal("112046", flagged.Contact.Code);
        Assert.Contains("112046", flagged.Reason);
    }

    [Fact]
    public void Import_takes_good_lines_and_names_each_refused_line_with_its_reason()
    {
        var csv = "\uFEFFcode,address,role\r\n"
                  + "131016,ciso@city.chiyoda.example.jp,CISO\r\n"
                  + "131017,a@b.example.jp,情報政策課\r\n"          // line 3: bad check digit
                  + "112046,a@urawa.example.jp,情報政策課\r\n"      // line 4: merged away
                  + "011002,not-an-address,情報政策課\r\n"          // line 5
                  + "011002,\"x@y.jp\r\nBcc: evil@z.jp\",CISO\r\n" // line 6: unclosed quote on this line; line 7 malformed
                  + "011002,\"Boss <boss@sapporo.example.jp>\",CISO\r\n" // line 8: a display name
                  + "011002,joho@city.sapporo.example.jp,\"情報政策課, 情報システム係\"\r\n"
                  + "131016,CISO@city.chiyoda.example.jp,CISO\r\n" // line 10: duplicate
                  + "011002,joho2@city.sapporo.example.jp,\r\n"    // line 11: no role
                  + "011002,joho3@city.sapporo.example.jp\r\n";   // line 12: two fields
        var result = ContactCsv.Read(new StringReader(csv), Bodies.Contains);

        Assert.Equal(2, result.Imported.Count);
        Assert.Equal("情報政策課, 情報システム係", result.Imported[1].Role);
        Assert.Equal(
            [
                (3, ContactRejectionReason.BadCode), (4, ContactRejectionReason.UnknownBody), (5, ContactRejectionReason.BadAddress),
                (6, ContactRejectionReason.Malformed), (7, ContactRejectionReason.Malformed), (8, ContactRejectionReason.BadAddress),
                (10, ContactRejectionReason.Duplicate), (11, ContactRejectionReason.BadRole), (12, ContactRejectionReason.Malformed),
            ],
            result.Rejected.Select(r => (r.Line, r.Reason)));
    }

    [Fact]
    public void Export_reads_back_to_the_same_contacts()
    {
        var contacts = new[]
        {
            new AdvisoryContact("131016", "ciso@city.chiyoda.example.jp", "CISO"),
            new AdvisoryContact("011002", "joho@city.sapporo.example.jp", "情報政策課, \"情報システム係\""),
        };
        var writer = new StringWriter();
        ContactCsv.Write(writer, contacts);
        var back = ContactCsv.Read(new StringReader(writer.ToString()), Bodies.Contains);
        Assert.Empty(back.Rejected);
        Assert.Equal(contacts, back.Imported);
    }

    [Fact]
    public void The_optional_charset_column_is_read_checked_and_written()
    {
        var csv = "code,address,role,charset\r\n"
                  + "131016,ciso@city.chiyoda.example.jp,CISO,ISO-2022-JP\r\n"
                  + "011002,joho@city.sapporo.example.jp,情報政策課,utf-8\r\n"
                  + "011002,joho2@city.sapporo.example.jp,情報政策課,\r\n"      // line 4: empty: not given
                  + "011002,joho3@city.sapporo.example.jp,情報政策課\r\n"       // line 5: three fields: not given
                  + "011002,joho4@city.sapporo.example.jp,情報政策課,shift_jis\r\n"; // line 6: refused
        var result = ContactCsv.Read(new StringReader(csv), Bodies.Contains);
        Assert.Equal([ContactCharsets.Iso2022Jp, ContactCharsets.Utf8, null, null], result.Imported.Select(c => c.Charset));
        var refused = Assert.Single(result.Rejected);
        Assert.Equal((6, ContactRejectionReason.BadCharset), (refused.Line, refused.Reason));
        Assert.Contains("shift_jis", refused.Message, StringComparison.Ordinal);

        var writer = new StringWriter();
        ContactCsv.Write(writer, result.Imported);
        Assert.StartsWith("code,address,role,charset\r\n131016,ciso@city.chiyoda.example.jp,CISO,iso-2022-jp\r\n", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(result.Imported, ContactCsv.Read(new StringReader(writer.ToString()), Bodies.Contains).Imported);
    }

    [Fact]
    public void A_contact_list_refuses_an_unknown_charset_and_leaves_a_missing_one_unset()
    {
        var (contacts, errors) = ContactList.Check("131016", [("a@city.example.jp", "CISO", "iso-2022-jp"), ("b@city.example.jp", "CISO", null), ("c@city.example.jp", "CISO", "euc-jp")]);
        Assert.Equal([ContactCharsets.Iso2022Jp, null], contacts.Select(c => c.Charset));
        Assert.Equal((2, ContactRejectionReason.BadCharset), errors.Select(e => (e.Index, e.Reason)).Single());
    }

    [Fact]
    public void Addresses_with_header_smuggling_or_lists_are_refused()
    {
        Assert.True(ContactCsv.IsPlainAddress("joho@city.sapporo.lg.jp"));
        Assert.False(ContactCsv.IsPlainAddress("a@b.jp\r\nBcc: c@d.jp"));
        Assert.False(ContactCsv.IsPlainAddress("a@b.jp, c@d.jp"));
        Assert.False(ContactCsv.IsPlainAddress("a@@b.jp"));
        Assert.False(ContactCsv.IsPlainAddress("a@localhost"));
        Assert.False(ContactCsv.IsPlainAddress(""));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Reading_any_text_never_throws_and_accounts_for_every_nonblank_line(string text)
    {
        text ??= "";
        var result = ContactCsv.Read(new StringReader(text), Bodies.Contains);
        var lines = new List<string>();
        var r = new StringReader(text);
        while (r.ReadLine() is { } l) lines.Add(l);
        int nonBlank = lines.Where((l, i) => (i == 0 ? l.TrimStart('\uFEFF') : l).Trim().Length > 0).Count();
        return (result.Imported.Count + result.Rejected.Count <= nonBlank).ToProperty();
    }
}
