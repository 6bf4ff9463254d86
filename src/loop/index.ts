export { EventLoop, type EventLoopOptions, type ExceptionContext, type ExceptionHandler } from './event-loop.js';
export { Handle, TimerHandle } from './handles.js';
export { RealClock, VirtualClock, type Clock } from './clock.js';
export { getRunningLoop, getEventLoop, setEventLoop, newEventLoop } from './running.js';
export { registerDefaultExecutorFactory, type Executor } from './default-executor.js';
