"""Messages of photos: import, matching, signage, preview, evidence copies."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the command line ----------------------------------------------------------------------
    "cmd.photos": ("照片：导入、匹配、证据副本", "Photos: import, matching, evidence copies"),
    "cmd.photos.import": (
        "导入文件夹（含子文件夹）中的全部照片，读取 EXIF 位置和时间，为每张照片推荐所属排污口和巡查记录",
        "Import every photo in a folder tree, read EXIF position and time, and propose the outfall and inspection of each",
    ),
    "cmd.photos.folder": ("照片所在文件夹", "Folder holding the photos"),
    "cmd.photos.radius": (
        "匹配半径（米，默认 50）：照片位置与排污口登记位置的最大距离",
        "Matching radius in metres (default 50): how far a photo may be from an outfall's registered position",
    ),
    "cmd.photos.accept": (
        "自动接受无疑点的匹配（有标记的仍需人工确认）；不加此项时所有匹配都等待人工确认",
        "Accept unflagged matches at once (flagged ones still wait for review); without it every match waits for review",
    ),
    "cmd.photos.workers": (
        "并行进程数（默认：处理器核数）",
        "Worker processes (default: the number of cores)",
    ),
    "cmd.photos.pending": (
        "列出等待人工确认的照片匹配",
        "List photo matches waiting for review",
    ),
    "cmd.photos.review_accept": (
        "接受照片匹配：指定照片的 SHA-256（可只写前几位），或 --all",
        "Accept photo matches: give photos' SHA-256 (a prefix will do), or --all",
    ),
    "cmd.photos.all": ("全部等待确认的匹配", "Every pending match"),
    "cmd.photos.unflagged": ("只接受无疑点的匹配", "Only matches without flags"),
    "cmd.photos.photo": ("照片的 SHA-256（或其前缀）", "A photo's SHA-256 (or a prefix of it)"),
    "cmd.photos.stamp": (
        "导出加盖水印的证据副本（时间、位置、排污口编码和名称、原件 SHA-256），原件不变",
        "Export an evidence copy with a stamp burned in (time, position, outfall code and name, the original's SHA-256); the original is untouched",
    ),
    "cmd.photos.output": ("副本文件（.jpg 或 .png）", "The copy (.jpg or .png)"),
    "progress.photos": ("导入照片 {name}", "Importing photos from {name}"),
    # -- import summary ------------------------------------------------------------------------
    "photos.summary": (
        "{folder}：找到 {found} 个照片文件，新导入 {imported} 张，已有 {known} 张，问题文件 {bad} 个",
        "{folder}: {found} photo files, {imported} imported, {known} already known, {bad} bad",
    ),
    "photos.summary_restored": (
        "其中 {count} 张已有照片的原件在照片库中缺失，已补回",
        "{count} known photos had lost their original from the store; it is back",
    ),
    "photos.summary_matching": (
        "匹配：{proposed} 张有推荐排污口，{unmatched} 张无推荐；已自动接受 {accepted} 张，{pending} 张等待人工确认（inspector photos pending）",
        "Matching: an outfall proposed for {proposed}, none for {unmatched}; {accepted} accepted, {pending} waiting for review (inspector photos pending)",
    ),
    "photos.summary_flags": ("需注意：{flags}", "To look at: {flags}"),
    "photos.summary_cancelled": (
        "导入已中止；已导入的照片保留，再次运行可继续",
        "Import stopped; photos already imported are kept, and running it again carries on",
    ),
    "photos.bad_heading": ("未导入的文件：", "Files not imported:"),
    "photos.no_folder": ("{path} 不是文件夹", "{path} is not a folder"),
    "photos.pending_none": ("没有等待确认的照片匹配", "No photo matches are waiting for review"),
    "photos.pending_line": (
        "{sha}  {name}  →  {outfall}  {inspection}  {distance}  {flags}",
        "{sha}  {name}  →  {outfall}  {inspection}  {distance}  {flags}",
    ),
    "photos.no_outfall_proposed": ("（无推荐排污口）", "(no outfall proposed)"),
    "photos.accepted": ("已接受 {count} 项照片匹配", "Accepted {count} photo matches"),
    "photos.accept_all.title": ("全部接受？", "Accept them all?"),
    "photos.accept_all.body": (
        "将按推荐接受列表中的 {count} 项照片匹配，其中 {flagged} 项带有需复核的标记"
        "（距排污口较远、不在检查时段内拍摄、相机时钟偏差等）。接受后照片即归入对应排污口。"
        "如只接受无标记的，请按 Esc 后改按 u。",
        "This accepts the {count} photo matches listed, as proposed. {flagged} of them are "
        "flagged for a second look (far from the outfall, taken outside the inspection, a "
        "camera clock off...). Accepted photos become the outfall's evidence. To accept only "
        "the unflagged ones, press Esc, then u.",
    ),
    "photos.accept_all.confirm": ("接受全部 {count} 项", "Accept all {count}"),
    "photos.accept_what": (
        "请指定照片的 SHA-256，或使用 --all",
        "Name photos by SHA-256, or use --all",
    ),
    "photos.prefix_unknown": (
        "没有 SHA-256 以 {prefix} 开头的照片",
        "No photo's SHA-256 starts with {prefix}",
    ),
    "photos.prefix_ambiguous": (
        "有多张照片的 SHA-256 以 {prefix} 开头，请多写几位",
        "Several photos' SHA-256 start with {prefix}; give more of it",
    ),
    "photos.stamped": ("证据副本已写入 {path}", "Evidence copy written to {path}"),
    "photos.stamp_missing_glyphs": (
        "注意：所用字体缺少这些字符的字形，副本中显示为方框：{chars}",
        "Note: no font here has glyphs for these characters, so the copy shows boxes: {chars}",
    ),
    # -- bad files -----------------------------------------------------------------------------
    "photos.bad.empty": ("{file}：文件为空（0 字节）", "{file}: the file is empty (0 bytes)"),
    "photos.bad.not_image": (
        "{file}：不是 JPEG、PNG、HEIC/HEIF 或 WebP 图片（文件内容与扩展名不符）",
        "{file}: not a JPEG, PNG, HEIC/HEIF or WebP image (its content does not match its name)",
    ),
    "photos.bad.heif_unavailable": (
        "{file}：HEIC/HEIF 照片，但本机未安装 HEIC 解码器（pillow-heif），请安装后重新导入",
        "{file}: a HEIC/HEIF photo, but this installation has no HEIC decoder (pillow-heif); install it and import again",
    ),
    "photos.bad.too_many_pixels": (
        "{file}：图像声称有 {pixels} 个像素，超过上限 {cap}（可能是解压炸弹），未解码",
        "{file}: the image claims {pixels} pixels, over the limit of {cap} (possibly a decompression bomb); not decoded",
    ),
    "photos.bad.too_large": (
        "{file}：文件过大（{size} 字节），不像是照片",
        "{file}: the file is too large ({size} bytes) to be a photo",
    ),
    "photos.bad.truncated": (
        "{file}：文件不完整（被截断），可能复制未完成，请从相机或手机重新复制",
        "{file}: the file is incomplete (truncated), perhaps an unfinished copy; copy it again from the camera or phone",
    ),
    "photos.bad.damaged": (
        "{file}：图像已损坏，无法解码（{error}）",
        "{file}: the image is damaged and cannot be decoded ({error})",
    ),
    "photos.bad.unreadable": ("{file}：无法读取（{error}）", "{file}: cannot be read ({error})"),
    # -- review --------------------------------------------------------------------------------
    "photos.no_such_photo": ("找不到照片 {photo}", "No photo {photo}"),
    "photos.no_such_outfall": ("找不到排污口 {outfall}", "No outfall {outfall}"),
    "photos.no_such_inspection": ("找不到巡查记录 {inspection}", "No inspection {inspection}"),
    "photos.inspection_not_of_outfall": (
        "巡查记录 {inspection} 不属于所选排污口",
        "Inspection {inspection} is not of the chosen outfall",
    ),
    # -- signage -------------------------------------------------------------------------------
    "signage.unknown_item": ("未知的标志牌内容项：{item}", "Unknown sign board item: {item}"),
    "signage.absent_with_items": (
        "标志牌记为缺失，却又勾选了牌上内容",
        "The sign is recorded as absent, yet items on it are ticked",
    ),
    "signage.finding.item_missing": ("标志牌缺少：{item}", "Sign board lacks: {item}"),
    "signage.finding.sign_absent": ("未设置标志牌", "No sign board"),
    "signage.finding.sign_damaged": ("标志牌损坏", "Sign board damaged"),
    # -- evidence stamp ------------------------------------------------------------------------
    "stamp.time": ("拍摄时间：{value}", "Taken: {value}"),
    "stamp.gps_time": ("（GPS 时间 {value} UTC）", " (GPS time {value} UTC)"),
    "stamp.no_time": ("拍摄时间：未知", "Taken: unknown"),
    "stamp.position": ("位置：{value}", "Position: {value}"),
    "stamp.no_position": ("位置：照片无 GPS 信息", "Position: the photo has no GPS data"),
    "stamp.outfall": ("排污口：{code} {name}", "Outfall: {code} {name}"),
    "stamp.no_outfall": ("排污口：未关联", "Outfall: not linked"),
    "stamp.sha": ("原件 SHA-256：{value}", "Original SHA-256: {value}"),
    "stamp.not_original": (
        "照片库中的原件 {sha} 与其 SHA-256 不符（已被改动或损坏），不能据此制作证据副本",
        "The stored original {sha} no longer matches its SHA-256 (altered or damaged); no evidence copy can be made from it",
    ),
    "stamp.bad_target": (
        "证据副本只能保存为 .jpg 或 .png：{path}",
        "An evidence copy can only be saved as .jpg or .png: {path}",
    ),
    # -- doctor --------------------------------------------------------------------------------
    "doctor.check.photo_store": ("照片库", "Photo store"),
    "doctor.detail.photo_missing": (
        "照片 {sha}（{name}）的原件不在照片库中",
        "The original of photo {sha} ({name}) is missing from the store",
    ),
    "doctor.detail.photo_altered": (
        "照片 {sha} 的原件与其 SHA-256 不符（已被改动或损坏）",
        "The original of photo {sha} no longer matches its SHA-256 (altered or damaged)",
    ),
    "doctor.detail.photo_orphan": (
        "照片库中的文件 {sha} 没有对应的照片记录（可重新导入该照片）",
        "The stored file {sha} has no photo record (import the photo again)",
    ),
    "doctor.detail.photos_checked": (
        "已核对 {count} 张照片的原件",
        "Checked the originals of {count} photos",
    ),
    "doctor.detail.more": ("……另有 {count} 项", "... and {count} more"),
    # -- the Photos screen ---------------------------------------------------------------------
    "nav.photos": ("照片", "Photos"),
    "key.photos_folder": ("导入文件夹", "Import a folder"),
    "key.photos_accept_all": ("全部接受", "Accept all"),
    "key.photos_accept_unflagged": ("接受无标记的", "Accept unflagged"),
    "key.photos_accept_one": ("接受此项", "Accept this one"),
    "key.photos_change": ("更改排污口", "Change outfall"),
    "key.photos_reject": ("不采用", "Reject"),
    "key.photos_view": ("查看大图", "View full size"),
    "key.photos_stop": ("中止导入", "Stop the import"),
    "key.photo_previous": ("上一张", "Previous photo"),
    "key.photo_next": ("下一张", "Next photo"),
    "photos.folder": ("照片文件夹", "Photo folder"),
    "photos.folder.placeholder": (
        "输入文件夹路径（含子文件夹），按回车导入",
        "Type a folder's path (subfolders included) and press Enter to import",
    ),
    "photos.folder.empty": ("请先输入照片文件夹的路径", "Type the path of a photo folder first"),
    "photos.import": ("导入", "Import"),
    "photos.stopping": (
        "正在中止：等待处理中的文件完成……",
        "Stopping: waiting for the files in progress...",
    ),
    "photos.ui.summary_matching": (
        "匹配：{proposed} 张有推荐排污口，{unmatched} 张无推荐；{pending} 张等待下方确认",
        "Matching: an outfall proposed for {proposed}, none for {unmatched}; {pending} waiting for review below",
    ),
    "photos.col.file": ("文件", "File"),
    "photos.col.taken": ("拍摄时间", "Taken"),
    "photos.col.outfall": ("推荐排污口", "Outfall"),
    "photos.col.name": ("排污口名称", "Name"),
    "photos.col.distance": ("距离", "Distance"),
    "photos.col.inspection": ("巡查记录", "Inspection"),
    "photos.col.flags": ("需注意", "Flags"),
    "photos.review.head": (
        "等待确认的匹配：{pending} 项，其中 {flagged} 项有标记",
        "Matches waiting for review: {pending}, {flagged} of them flagged",
    ),
    "photos.review.more": ("（先列出 {shown} 项）", " (the first {shown} listed)"),
    "photos.review.none": ("没有等待确认的照片匹配", "No photo matches are waiting for review"),
    "photos.no_outfall": ("（无推荐）", "(none proposed)"),
    "photos.accept_none": (
        "此照片没有推荐的排污口，请按 c 选择排污口",
        "No outfall is proposed for this photo; press c to choose one",
    ),
    "photos.rejected": (
        "已不采用此匹配；照片保留，不再推荐",
        "Match set aside; the photo stays, and is not proposed again",
    ),
    "photos.changed": ("已更改照片所属排污口", "The photo's outfall is changed"),
    "photos.changed_flags": ("；需注意：{flags}", "; to look at: {flags}"),
    "photos.detail.taken": ("拍摄：{value}", "Taken: {value}"),
    "photos.detail.gps_time": ("（GPS {value}）", " (GPS {value})"),
    "photos.detail.unknown": ("未知", "unknown"),
    "photos.detail.position": ("位置：{value}", "Position: {value}"),
    "photos.detail.no_position": ("无 GPS 信息", "no GPS data"),
    "photos.detail.outfall": ("排污口：{code} {name}", "Outfall: {code} {name}"),
    "photos.detail.outfall_none": ("排污口：无推荐", "Outfall: none proposed"),
    "photos.detail.distance": ("距离：{value}", "Distance: {value}"),
    "photos.detail.inspection": ("巡查记录：{value}", "Inspection: {value}"),
    "photos.detail.none": ("无", "none"),
    "photos.detail.basis": ("依据：{value}", "Matched by: {value}"),
    "photos.basis.position": ("照片位置", "the photo's position"),
    "photos.basis.time": ("拍摄时间", "the time taken"),
    "photos.basis.none": ("无", "nothing"),
    "photos.preview.loading": ("正在生成预览……", "Making the preview..."),
    "photos.preview.nothing": ("未选择照片", "No photo selected"),
    "photos.preview.missing": (
        "原件不在照片库中（可重新导入）",
        "The original is not in the photo store (import it again)",
    ),
    "photos.preview.damaged": ("照片无法解码", "The photo cannot be decoded"),
    "photos.preview.failed": ("无法显示预览：{error}", "No preview: {error}"),
    "photos.view.position": ("第 {n}/{total} 张", "{n} of {total}"),
    "photos.change.title": ("更改照片所属排污口", "Change the photo's outfall"),
    "photos.change.intro": (
        "照片 {photo}，当前推荐：{current}。输入排污口编码（或编码、名称的一部分），从下方选择。",
        "Photo {photo}, proposed: {current}. Type the outfall's code (or part of its code or name) and pick it below.",
    ),
    "photos.change.placeholder": ("排污口编码或名称", "Outfall code or name"),
    "photos.change.save": ("确定", "Choose"),
    "photos.change.empty": ("请输入排污口编码", "Type an outfall code"),
    "photos.change.unknown": (
        "没有编码或名称含“{text}”的排污口",
        'No outfall\'s code or name contains "{text}"',
    ),
    "photos.change.several": (
        "有多个排污口含“{text}”，请用方向键从列表中选择，或输入完整编码",
        'Several outfalls contain "{text}"; pick one from the list with the arrow keys, or type the whole code',
    ),
    # -- the outfall's photos tab -----------------------------------------------------------------
    "tab.photos.hint": (
        "回车查看大图",
        "Enter: view full size",
    ),
    "tab.photos.signage": ("标志牌检查发现的问题", "Sign board findings"),
    "tab.photos.signage_none": ("标志牌检查未发现问题", "No sign board findings"),
    "tab.photos.finding": ("{date}  {message}", "{date}  {message}"),
}
