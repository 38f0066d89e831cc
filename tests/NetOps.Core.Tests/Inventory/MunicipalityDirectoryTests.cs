using NetOps.Core.Inventory;
using NetOps.Testing;

namespace NetOps.Core.Tests.Inventory;

public sealed class MunicipalityDirectoryTests
{
    [Fact]
    public void The_shipped_directory_holds_47_prefectures_and_1741_municipalities()
    {
        var all = MunicipalityDirectory.Entries;
        Assert.Equal(1788, all.Count);
        Assert.Equal(47, all.Count(m => m.IsPrefecture));
        Assert.All(all, m => Assert.True(LocalGovernmentCode.IsValid(m.Code), m.Code));
    }

    [Fact]
    public void The_shipped_copy_is_byte_identical_to_the_shared_source()
    {
        using var shipped = typeof(MunicipalityDirectory).Assembly.GetManifestResourceStream("NetOps.Core.municipalities.csv")!;
        using var ms = new MemoryStream();
        shipped.CopyTo(ms);
        Assert.Equal(File.ReadAllBytes(SharedData.Path("municipalities.csv")), ms.ToArray());
    }

    [Theory]
    [InlineData("131016", true)]  // 千代田区
    [InlineData("352012", true)]  // 下関市
    [InlineData("350001", true)]  // 山口県
    [InlineData("352013", false)]
    [InlineData("35201", false)]
    [InlineData("35201x", false)]
    [InlineData(null, false)]
    public void Check_digits_follow_jis_x_0402(string? code, bool valid) => Assert.Equal(valid, LocalGovernmentCode.IsValid(code));
}
