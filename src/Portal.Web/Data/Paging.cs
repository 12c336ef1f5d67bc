namespace Portal.Web.Data;

/// <summary>Page arithmetic that cannot overflow: page × size is computed in 64 bits and kept within 0…int.MaxValue.</summary>
public static class Paging
{
    /// <summary>How many rows come before page <paramref name="page"/> (from 0) of <paramref name="size"/> rows.</summary>
    public static int Skip(int page, int size) => (int)Math.Clamp((long)page * size, 0, int.MaxValue);
}
