"""Argument parsing: jixiao.toml and flags → Config → the pipeline; exit codes; no tracebacks for bad input.

The ``jixiao`` console script (pyproject.toml) and this repository's build.py both call
``main``.  Settings come from the configuration file (``--config``, default
``jixiao.toml`` in the current folder; jixiao/settings.py); the flags and the
JIXIAO_BASE_URL / JIXIAO_SITE_URL variables override its base_url and site_url.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from jixiao.commands import CommandRefused
from jixiao.config import Config, environment_problems
from jixiao.settings import FILE_NAME, Settings, SettingsError, load

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description="jixiao：绩效自评开放数据门户的数据验证与静态站点生成")
    parser.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data/）")
    parser.add_argument("--config", type=Path, default=None, help=f"站点配置文件（默认 {FILE_NAME}）")
    commands = parser.add_subparsers(dest="command")
    data_option = argparse.ArgumentParser(add_help=False)
    data_option.add_argument("--data", type=Path, default=argparse.SUPPRESS, help="数据目录（默认 data/）")
    data_option.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=f"站点配置文件（默认 {FILE_NAME}）")

    build = commands.add_parser("build", parents=[data_option], help="验证数据并生成站点（默认命令）")
    _add_build_options(build)

    validate = commands.add_parser("validate", parents=[data_option], help="只验证数据")
    validate.add_argument(
        "--annotations", action="store_true", help="输出 GitHub Actions 注释（::error file=…,line=…::）"
    )
    validate.add_argument("--summary", type=Path, help="把所有结果写成 Markdown 表格（如 $GITHUB_STEP_SUMMARY）")
    validate.add_argument("--flags", action="store_true", help="也列出数据质量标记")

    serve = commands.add_parser("serve", parents=[data_option], help="生成站点并在 127.0.0.1 预览，文件变化时自动重建")
    _add_build_options(serve)
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-watch", action="store_true", help="不监视文件变化")

    new = commands.add_parser("new", parents=[data_option], help="为新单位或新年度生成数据包骨架")
    new.add_argument("unit_id")
    new.add_argument("year", type=int)
    new.add_argument("--project", action="append", default=[], help="项目评价标识，可多次给出")
    new.add_argument("--department", action="store_true", help="给出 --project 时也生成部门整体评价行")

    form = commands.add_parser(
        "import", parents=[data_option], help="从政府公开的自评表（XLSX/DOCX/PDF/文本）生成待核对的草稿数据包"
    )
    form.add_argument("file", type=Path, help="原表文件：.xlsx、.docx、.pdf 或提取的文本 .txt")
    form.add_argument("--unit", required=True, help="单位标识，如 yiyang-si")
    form.add_argument("--year", required=True, type=int, help="年度，如 2022")
    form.add_argument("--evaluation", help="评价标识（一个文件有多张表时加 -1、-2…）")
    form.add_argument("--sources", type=Path, default=Path("sources"), help="原文文本目录（默认 sources/）")

    commands.add_parser("upgrade", parents=[data_option], help="把旧版表结构的数据包改写为当前版本（可重复运行）")

    diff = commands.add_parser("diff", parents=[data_option], help="与某个 git 版本相比，已发布数字的变化")
    diff.add_argument("ref")

    init = commands.add_parser("init", help="创建一个新的门户仓库：配置文件、data/、README、贡献指南、工作流")
    init.add_argument("directory", type=Path)
    init.add_argument("--title", default="", help="站点名称（写入 jixiao.toml）")
    init.add_argument(
        "--requirement", default="", help="README 与工作流安装 jixiao 的写法（默认 jixiao==当前版本），如 git+https://…"
    )
    return parser


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("_site"), help="输出目录（默认 _site/）")
    parser.add_argument("--base-url", default=None, help="站点所在路径，如 /jixiao/（默认取 jixiao.toml 的 base_url）")
    parser.add_argument("--site-url", default=None, help="站点域名，如 https://example.org（默认取 jixiao.toml）")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="并行进程数（默认为 CPU 核数）")
    parser.add_argument("--quiet", action="store_true", help="不显示进度")
    parser.add_argument("--shard", default="", metavar="i/n", help="只生成第 i 份（共 n 份）单位页面，供 --merge 合并")
    parser.add_argument("--merge", type=Path, nargs="+", default=[], metavar="DIR", help="合并各分片输出为完整站点")
    parser.add_argument("--full", action="store_true", help="不沿用上次构建的结果，全部重新生成")
    parser.add_argument("--stats", type=Path, help="把各阶段用时等数字写成 JSON 文件")
    parser.add_argument("--allow-empty", action="store_true", help="data/ 中没有数据包时也生成（空）站点")


def _settings(args: argparse.Namespace) -> Settings:
    """The configuration file's settings; SettingsError (with lines) if it is invalid."""
    path = args.config if args.config is not None else Path(FILE_NAME)
    return load(path, required=args.config is not None)


def _config(args: argparse.Namespace, settings: Settings) -> Config:
    """Flags, then the environment, then jixiao.toml, then the defaults."""
    site = settings.site
    base = args.base_url if args.base_url is not None else os.environ.get("JIXIAO_BASE_URL") or site.base_url
    base_url = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    site_url = args.site_url if args.site_url is not None else os.environ.get("JIXIAO_SITE_URL") or site.site_url
    folder = settings.path.parent if settings.path is not None else Path(".")
    return Config(
        data_dir=args.data,
        out_dir=args.out,
        base_url=base_url,
        site_url=site_url.rstrip("/"),
        custom_dir=folder,
        config_file=settings.path,
        grade_bands=settings.grade_bands,
        site=site,
        jobs=max(1, args.jobs),
        quiet=args.quiet,
        shard=getattr(args, "shard", ""),
        merge=tuple(getattr(args, "merge", [])),
        incremental=not getattr(args, "full", False),
        allow_empty=getattr(args, "allow_empty", False),
    )


def _init(args: argparse.Namespace) -> int:
    from jixiao.commands.init import init

    created = init(args.directory, args.title, args.requirement)
    print(f"已创建门户仓库 {created}；进入该目录，放入数据包后运行 jixiao build（README.md 有说明）")
    return EXIT_OK


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    from jixiao.commands.report import run_validate

    return run_validate(
        args.data,
        annotations=args.annotations,
        summary=args.summary,
        show_flags=args.flags,
        grade_bands=settings.grade_bands,
    )


def _new(args: argparse.Namespace, settings: Settings) -> int:
    from jixiao.commands.scaffold import scaffold

    created = scaffold(args.data, args.unit_id, args.year, args.project, department=args.department)
    print(f"已创建 {created}；按 CONTRIBUTING.md 填写后运行 jixiao validate（或 python build.py validate）")
    return EXIT_OK


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from jixiao.commands.importing.command import import_form

    package, forms, rows = import_form(args.file, args.data, args.sources, args.unit, args.year, args.evaluation)
    print(f"已写出草稿 {package}：{forms} 张表，review.csv 中 {rows} 项待核对。")
    print("对照原表逐项核对 review.csv（python build.py validate 列出每一项及原文位置），")
    print("核对或改正后把 status 改为 已核对；步骤见 CONTRIBUTING.md“从原表导入”。")
    return EXIT_OK


def _upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from jixiao.commands.upgrade import run_upgrade

    return run_upgrade(args.data)


def _diff(args: argparse.Namespace, settings: Settings) -> int:
    from jixiao.commands.diff import run_diff

    return run_diff(args.data, args.ref, settings.grade_bands)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from jixiao.commands.serve import run_serve

    return run_serve(_config(args, settings), port=args.port, watch=not args.no_watch)


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from jixiao.assemble.pipeline import run_build

    return run_build(_config(args, settings), stats=args.stats)


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "build": _build,
    "validate": _validate,
    "serve": _serve,
    "new": _new,
    "import": _import,
    "upgrade": _upgrade,
    "diff": _diff,
}
"""Each subcommand of ``_parser`` but ``init`` → its runner (the modules are imported when run)."""


EXIT_TERMINATED = 128 + signal.SIGTERM
OS_ERRORS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许的操作（没有权限）",
    errno.EROFS: "文件系统只读",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EISDIR: "是文件夹，不是文件",
    errno.ENOENT: "不存在",
    errno.EEXIST: "已存在",
}
"""What a system error means, in the words of the one-line message that replaces its traceback."""


class Terminated(SystemExit):
    """SIGTERM (CI cancelling a job, ``kill``): unwinds like an exception, so staging folders are removed."""


def _terminate(_signum: int, _frame: object) -> None:  # signal.signal calls it with both
    raise Terminated(EXIT_TERMINATED)


def os_error_text(error: OSError) -> str:
    """``磁盘空间不足：_site/…`` for an OSError: its meaning, then the file it concerns."""
    meaning = OS_ERRORS.get(error.errno or 0, error.strerror or str(error))
    where = "、".join(str(name) for name in (error.filename, error.filename2) if name is not None)
    return f"{meaning}：{where}" if where else meaning


def main(argv: list[str] | None = None) -> int:
    """Run one command; ``argv`` defaults to the process's arguments (the ``jixiao`` console script).

    A command that refuses its input says why in one line, exit 2.  A system error (disk
    full, a read-only or misplaced folder) is one line naming the
    file, exit 1; SIGTERM unwinds the command (a build removes its staging folder, the
    previous site stays) and exits 143. Either way, no traceback.
    """
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
    try:
        return _run(argv)
    except CommandRefused as error:  # init, new, import: their input refused, nothing written
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"错误：{os_error_text(error)}（已发布的站点没有改动；解决后重新运行）", file=sys.stderr)
        return EXIT_INVALID
    except Terminated:
        print("已中止（SIGTERM）：未完成的改动已撤销，已发布的站点没有改动", file=sys.stderr)
        return EXIT_TERMINATED
    finally:
        if main_thread:  # a caller's own handler (a test runner's, serve's parent) comes back
            signal.signal(signal.SIGTERM, previous)


def _run(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if problems := environment_problems():
        for problem in problems:
            print(f"错误：{problem}", file=sys.stderr)
        return EXIT_USAGE
    parser = _parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--data", "--config"):
        argv = ["build", *argv]
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, "build"]) if argv else parser.parse_args(["build"])
    if args.command == "init":  # makes a new portal: there is no configuration file to read yet
        return _init(args)
    try:
        settings = _settings(args)
    except SettingsError as error:
        annotations = getattr(args, "annotations", False)  # validate --annotations: GitHub marks the line
        for finding in error.findings:
            if annotations:
                print(finding.annotation())
            else:
                print(finding.text(), file=sys.stderr)
        print(f"配置无效：{error}", file=sys.stderr)
        return EXIT_INVALID
    return COMMANDS[args.command](args, settings)
