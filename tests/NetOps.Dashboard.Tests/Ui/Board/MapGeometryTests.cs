using NetOps.Core.Inventory;
using NetOps.Dashboard.Ui.Board;

namespace NetOps.Dashboard.Tests.Ui.Board;

/// <summary>The map drawn from the shipped municipality coordinates: hulls, island groups, Okinawa's inset.</summary>
public sealed class MapGeometryTests
{
    [Fact]
    public void Every_prefecture_has_an_outline_and_every_municipality_a_place()
    {
        var outlines = MapGeometry.All;
        Assert.Equal(47, outlines.Select(o => o.Prefecture).Distinct().Count());
        Assert.All(MunicipalityDirectory.Entries, m => Assert.NotNull(MapGeometry.Locate(m.Code)));
        Assert.NotNull(MapGeometry.Locate("000000"));
        Assert.Null(MapGeometry.Locate("999999"));
    }

    [Fact]
    public void Tokyos_islands_get_their_own_outlines_instead_of_stretching_tokyo_across_the_ocean()
    {
        var tokyo = MapGeometry.All.Where(o => o.Prefecture == "13").ToList();
        var mainland = tokyo.OrderByDescending(o => o.Points.Count).First();
        // the 23 wards and Tama lie north of 35.4°N; 小笠原村 is at 27°N, 八丈町 at 33°N
        Assert.All(mainland.Points, p => Assert.True(p.Y > 35.4, $"mainland outline reaches {p.Y}°N"));
    }

    [Fact]
    public void Okinawa_moves_into_its_inset()
    {
        var naha = MapGeometry.Locate("472018")!.Value;
        var (min, max) = MapGeometry.OkinawaInset;
        Assert.InRange(naha.X, min.X, max.X);
        Assert.InRange(naha.Y, min.Y, max.Y);
    }

    [Fact]
    public void A_hull_holds_every_point_and_drops_the_inner_ones()
    {
        List<MapPoint> square = [new(0, 0), new(2, 0), new(2, 2), new(0, 2), new(1, 1), new(1, 0)];
        var hull = MapGeometry.ConvexHull(square);
        Assert.Equal(4, hull.Count);
        Assert.DoesNotContain(new MapPoint(1, 1), hull);
        Assert.DoesNotContain(new MapPoint(1, 0), hull); // collinear on an edge
    }
}
