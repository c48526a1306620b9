using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Wayfinder.Marketplace;

/// <summary>
/// A cache file mapped into memory, read only, and read in place: an index's
/// arrays are memory over the mapping, so a route touches only the pages of
/// the words it looks up, and opening the file copies nothing. The mapping
/// lives as long as the index that reads it (it is released when collected).
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _base;
    private int _released;

    public MappedFile(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            Length = stream.Length;
            if (Length == 0)
            {
                stream.Dispose();
                throw new InvalidDataException("an empty file");
            }

            _file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            _view = _file.CreateViewAccessor(0, Length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _base = pointer + _view.PointerOffset;
        }
        catch
        {
            Release();
            GC.SuppressFinalize(this);
            throw;
        }
    }

    ~MappedFile() => Release();

    public long Length { get; }

    /// <summary>The whole file as a stream, to read its header and small parts with a reader.</summary>
    public UnmanagedMemoryStream Stream() => new(_base, Length);

    /// <summary><paramref name="count"/> items of <typeparamref name="T"/> at <paramref name="offset"/>, checked to lie inside the file.</summary>
    public ReadOnlyMemory<T> Memory<T>(long offset, int count)
        where T : unmanaged
    {
        if (offset < 0 || offset + ((long)count * sizeof(T)) > Length || offset % sizeof(T) != 0)
        {
            throw new InvalidDataException("an array outside the file");
        }

        return count == 0 ? ReadOnlyMemory<T>.Empty : new Manager<T>(this, (T*)(_base + offset), count).Memory;
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        if (_base is not null)
        {
            _view?.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        _view?.Dispose();
        _file?.Dispose();
    }

    /// <summary>Memory over a part of the mapping; it keeps the mapping alive while it is referenced.</summary>
    private sealed class Manager<T>(MappedFile owner, T* pointer, int length) : MemoryManager<T>
        where T : unmanaged
    {
        private readonly MappedFile _owner = owner;

        public override Span<T> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => GC.KeepAlive(_owner);
    }
}
