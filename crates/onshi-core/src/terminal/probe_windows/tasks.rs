//! The usual scheduled tasks through Task Scheduler 2.0 (ITaskService → the root folder → each task's
//! State, LastRunTime, LastTaskResult), and how long the PC has been up (GetTickCount64). Read only.

use super::super::seen::{Probe, TaskSeen, Tasks};
use windows::core::BSTR;
use windows::Win32::System::Com::{
    CoCreateInstance, CoInitializeEx, CoUninitialize, CLSCTX_INPROC_SERVER, COINIT_MULTITHREADED,
};
use windows::Win32::System::TaskScheduler::{
    ITaskService, TaskScheduler, TASK_STATE_DISABLED, TASK_STATE_QUEUED, TASK_STATE_READY,
    TASK_STATE_RUNNING,
};
use windows::Win32::System::Variant::VARIANT;

/// "The system cannot find the file/path specified": no such task.
const NOT_FOUND: [u32; 2] = [0x8007_0002, 0x8007_0003];
/// SCHED_S_TASK_HAS_NOT_RUN (winerror.h): the task has not yet run.
const HAS_NOT_RUN: u32 = 0x0004_1303;

pub fn tasks(names: &[String]) -> Probe<Tasks> {
    // SAFETY: COM is initialised for this thread for the reads and uninitialised only when this call
    // initialised it; every interface is released inside `read`, before that.
    unsafe {
        let init = CoInitializeEx(None, COINIT_MULTITHREADED);
        // RPC_E_CHANGED_MODE: the thread already has COM in the other model, which serves as well.
        let result = read(names);
        if init.is_ok() {
            CoUninitialize();
        }
        result
    }
}

/// # Safety
/// COM is initialised on this thread.
unsafe fn read(names: &[String]) -> Probe<Tasks> {
    let up_minutes =
        (windows_sys::Win32::System::SystemInformation::GetTickCount64() / 60_000) as i64;
    let folder = (|| -> windows::core::Result<_> {
        let service: ITaskService = CoCreateInstance(&TaskScheduler, None, CLSCTX_INPROC_SERVER)?;
        let none = VARIANT::default();
        service.Connect(&none, &none, &none, &none)?;
        service.GetFolder(&BSTR::from("\\"))
    })();
    let folder = match folder {
        Ok(folder) => folder,
        Err(error) => return Probe::Unreadable(error.message().to_string()),
    };
    let now = chrono::Local::now().naive_local();
    let mut tasks = Vec::new();
    for name in names {
        let task = match folder.GetTask(&BSTR::from(name.as_str())) {
            Ok(task) => task,
            Err(error) if NOT_FOUND.contains(&(error.code().0 as u32)) => {
                tasks.push(TaskSeen {
                    name: name.clone(),
                    registered: false,
                    state: None,
                    last_run_minutes: Probe::DoesNotApply,
                    last_result: Probe::DoesNotApply,
                });
                continue;
            }
            Err(error) => return Probe::Unreadable(error.message().to_string()),
        };
        let state = task.State().ok().map(|state| {
            match state {
                TASK_STATE_DISABLED => "disabled",
                TASK_STATE_QUEUED => "queued",
                TASK_STATE_READY => "ready",
                TASK_STATE_RUNNING => "running",
                _ => "unknown",
            }
            .to_owned()
        });
        let last_result = match task.LastTaskResult() {
            Ok(result) => Probe::Seen(result as u32),
            Err(error) => Probe::Unreadable(error.message().to_string()),
        };
        let last_run_minutes = match task.LastRunTime() {
            Ok(date) => match super::super::tasks::minutes_since(date, now) {
                Some(minutes) => Probe::Seen(Some(minutes)),
                // A zero date is "never ran" only when the result says so (Wine gives zero for every task).
                None if last_result == Probe::Seen(HAS_NOT_RUN) => Probe::Seen(None),
                None => Probe::Unreadable("Task Scheduler gave no last run time".to_owned()),
            },
            Err(error) => Probe::Unreadable(error.message().to_string()),
        };
        tasks.push(TaskSeen {
            name: name.clone(),
            registered: true,
            state,
            last_run_minutes,
            last_result,
        });
    }
    Probe::Seen(Tasks { up_minutes, tasks })
}
