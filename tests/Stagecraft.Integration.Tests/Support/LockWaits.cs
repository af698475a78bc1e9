using System.Globalization;
using System.Runtime.InteropServices;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>
/// Conditions that say a call has reached a database lock another connection holds, so a test acts
/// at that moment instead of after a sleep that may be too short on a loaded machine.
/// </summary>
internal static class LockWaits
{
    /// <summary>A call running on a thread of its own, with the thread's Linux id.</summary>
    public sealed record OwnThreadCall<T>(Task<T> Call, int ThreadId)
    {
        /// <summary>
        /// Waits until the call is done or its thread sleeps between attempts at a lock (SQLite's busy
        /// handler): from then on a call that waits correctly cannot finish before the lock is released.
        /// </summary>
        public Task BlockedOrDoneAsync(string what) =>
            Eventually.TrueAsync(() => Call.IsCompleted || IsInTimedSleep(ThreadId), TimeSpan.FromSeconds(30), what);
    }

    /// <summary>Runs <paramref name="call"/> synchronously on a new thread, so a blocking SQLite call keeps it there.</summary>
    public static async Task<OwnThreadCall<T>> OnOwnThreadAsync<T>(Func<Task<T>> call)
    {
        var threadId = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            threadId.SetResult(CurrentThreadId());
            try
            {
                result.SetResult(call().GetAwaiter().GetResult());
            }
            catch (Exception error)
            {
                result.SetException(error);
            }
        })
        {
            IsBackground = true,
        };
        thread.Start();
        return new OwnThreadCall<T>(result.Task, await threadId.Task);
    }

    /// <summary>How many of this process's file descriptors are open on <paramref name="path"/>.</summary>
    public static int OpenCount(string path)
    {
        var full = Path.GetFullPath(path);
        var count = 0;
        foreach (var descriptor in Directory.EnumerateFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget == full)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed meanwhile.
            }
        }

        return count;
    }

    private static int CurrentThreadId() =>
        int.Parse(Path.GetFileName(new FileInfo("/proc/thread-self").LinkTarget!), CultureInfo.InvariantCulture);

    // The system call the thread is in right now: nanosleep or clock_nanosleep, which SQLite's busy handler uses.
    private static bool IsInTimedSleep(int threadId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/self/task/{threadId}/syscall");
        }
        catch (IOException)
        {
            return false;
        }

        var number = text.Split(' ', 2)[0];
        string[] sleeps = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? ["101", "115"] : ["35", "230"];
        return sleeps.Contains(number);
    }
}
