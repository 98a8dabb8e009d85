"""The citizen tasks, one module each; every module declares `SPEC = TaskSpec(...)`.

The registry (tester/registry.py) lists these modules; the navigator (tester/navigator) runs
them: `run_task(task_id, env)`. Shared building blocks (Outcome, open_start, ...) live in
tester/navigator/tasks.py.
"""
