//! CPU time from `getrusage`.

use std::io;
use std::time::Duration;

/// User plus system CPU time the current thread has used so far
/// (`RUSAGE_THREAD`).
pub fn thread_cpu_time() -> io::Result<Duration> {
    usage(libc::RUSAGE_THREAD)
}

/// User plus system CPU time of every thread of this process so far
/// (`RUSAGE_SELF`).
pub fn process_cpu_time() -> io::Result<Duration> {
    usage(libc::RUSAGE_SELF)
}

/// User plus system CPU time of every child process waited for so far, and
/// of their descendants they waited for (`RUSAGE_CHILDREN`).
pub fn children_cpu_time() -> io::Result<Duration> {
    usage(libc::RUSAGE_CHILDREN)
}

fn usage(who: libc::c_int) -> io::Result<Duration> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `usage` points to a writable `rusage`, which getrusage fills
    // in on success (and it starts zeroed, so it is initialised either way).
    #[allow(unsafe_code)]
    let (result, usage) = unsafe {
        let result = libc::getrusage(who, usage.as_mut_ptr());
        (result, usage.assume_init())
    };
    if result != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(duration(usage.ru_utime) + duration(usage.ru_stime))
}

fn duration(time: libc::timeval) -> Duration {
    let seconds = u64::try_from(time.tv_sec).unwrap_or(0);
    let micros = u64::try_from(time.tv_usec).unwrap_or(0);
    Duration::from_secs(seconds) + Duration::from_micros(micros)
}
