"""Messages of the map, reference layers, the GNSS receiver and `inspector nearby`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- record fields ------------------------------------------------------------------
    "field.map_layer.deleted": ("已删除", "Deleted"),
    "field.map_layer.name": ("图层名称", "Layer name"),
    "field.map_layer.kind": ("图层类型", "Layer kind"),
    "field.map_layer.source_name": ("来源文件", "Source file"),
    "field.map_layer.source_format": ("文件格式", "File format"),
    "field.map_layer.source_datum": ("原坐标系", "Source datum"),
    "field.map_layer.feature_count": ("要素数", "Features"),
    "field.map_layer.notes": ("备注", "Notes"),
    "field.map_feature.deleted": ("已删除", "Deleted"),
    "field.map_feature.layer_id": ("所属图层", "Layer"),
    "field.map_feature.name": ("名称", "Name"),
    "field.map_feature.river": ("河流", "River"),
    "field.map_feature.region_code": ("行政区", "Region"),
    "field.map_feature.geometry": ("几何图形", "Geometry"),
    "field.map_feature.south": ("南界", "South edge"),
    "field.map_feature.west": ("西界", "West edge"),
    "field.map_feature.north": ("北界", "North edge"),
    "field.map_feature.east": ("东界", "East edge"),
    "field.outfall.position_fix": ("定位信息", "Receiver fix"),
    "field.inspection.lat": ("所在纬度", "Latitude stood at"),
    "field.inspection.lon": ("所在经度", "Longitude stood at"),
    "field.inspection.accuracy_m": ("定位精度（米）", "Position accuracy (m)"),
    "field.inspection.position_source": ("位置来源", "Position source"),
    "field.inspection.position_fix": ("定位信息", "Receiver fix"),
    # -- compass ------------------------------------------------------------------------
    "compass.n": ("北", "N"),
    "compass.ne": ("东北", "NE"),
    "compass.e": ("东", "E"),
    "compass.se": ("东南", "SE"),
    "compass.s": ("南", "S"),
    "compass.sw": ("西南", "SW"),
    "compass.w": ("西", "W"),
    "compass.nw": ("西北", "NW"),
    # -- command line -------------------------------------------------------------------
    "cmd.nearby": (
        "列出离某位置最近的排污口（距离和方位）：输入经纬度，或读取 GNSS 接收机",
        "List the outfalls nearest to a position (distance and bearing): typed, or read from a GNSS receiver",
    ),
    "cmd.nearby.lat": ("纬度（十进制或度分秒）", "latitude (decimal or degrees-minutes-seconds)"),
    "cmd.nearby.lon": ("经度（十进制或度分秒）", "longitude (decimal or degrees-minutes-seconds)"),
    "cmd.nearby.datum": (
        "输入坐标的坐标系：wgs84（默认）、cgcs2000、gcj02、bd09",
        "datum of the typed position: wgs84 (default), cgcs2000, gcj02, bd09",
    ),
    "cmd.nearby.gnss": (
        "GNSS 接收机：串口（COM3、/dev/ttyUSB0，可加 @波特率）、gpsd，或 NMEA 记录文件",
        "GNSS receiver: a serial port (COM3, /dev/ttyUSB0, optionally @baud), gpsd, or an NMEA log file",
    ),
    "cmd.nearby.count": ("列出多少个（默认 20）", "how many to list (default 20)"),
    "cmd.gnss": ("GNSS 接收机：读取、检查、生成演示轨迹", "GNSS receiver: read, check, make a demo walk"),
    "cmd.gnss.read": (
        "读取接收机若干秒：每个定位及能否使用、坏语句计数",
        "Read a receiver for a few seconds: each fix, whether it may be used, and bad sentences counted",
    ),
    "cmd.gnss.seconds": ("秒数", "seconds"),
    "cmd.gnss.accuracy": (
        "精度要求（米，默认 10）：估计精度比这差的定位不予使用",
        "accuracy requirement in metres (default 10): a fix estimated worse is not used",
    ),
    "cmd.gnss.wait": (
        "最多等待合格定位的秒数（默认 15）",
        "how long to wait for a usable fix, in seconds (default 15)",
    ),
    "cmd.gnss.walk": (
        "沿演示河流生成一段 NMEA 行走记录（无接收机时试用地图）",
        "Write an NMEA log of a walk along the demo river (to try the map without a receiver)",
    ),
    "cmd.gnss.walk_file": ("写入的文件", "file to write"),
    "cmd.layers": (
        "参考图层：河流、行政区界等（GeoJSON、KML、Shapefile）",
        "Reference map layers: rivers, region boundaries and more (GeoJSON, KML, Shapefile)",
    ),
    "cmd.layers.import": (
        "导入一个 GeoJSON、KML/KMZ 或 Shapefile 文件为图层（转换为 WGS-84，随同步分发）",
        "Import a GeoJSON, KML/KMZ or Shapefile file as a layer (converted to WGS-84; it syncs)",
    ),
    "cmd.layers.file": ("要导入的文件（.geojson .json .kml .kmz .shp）", "file to import (.geojson .json .kml .kmz .shp)"),
    "cmd.layers.name": ("图层名称（默认：文件名）", "layer name (default: the file's name)"),
    "cmd.layers.kind": (
        "图层类型：rivers 河流、boundaries 行政区界、other 其他（默认按图形判断）",
        "layer kind: rivers, boundaries or other (default: from its shapes)",
    ),
    "cmd.layers.datum": (
        "文件坐标系：wgs84、cgcs2000、gcj02、bd09（默认：.prj 所写，否则 wgs84）",
        "the file's datum: wgs84, cgcs2000, gcj02, bd09 (default: its .prj, else wgs84)",
    ),
    "cmd.layers.dry_run": ("只检查，不写入", "check only, write nothing"),
    "cmd.layers.list": ("列出图层", "List the layers"),
    "cmd.layers.remove": ("删除一个图层（删除会同步）", "Remove a layer (the removal syncs)"),
    "cmd.layers.layer": ("图层名称或编号前几位", "layer name or the start of its id"),
    # -- nearby -------------------------------------------------------------------------
    "nearby.need_position": (
        "请给出位置：--lat 和 --lon，或 --gnss 接收机",
        "Give a position: --lat and --lon, or --gnss with a receiver",
    ),
    "nearby.both": (
        "--gnss 与 --lat/--lon 只能用其一",
        "Use either --gnss or --lat/--lon, not both",
    ),
    "nearby.bad_position": ("位置无法识别：{reason}", "The position cannot be read: {reason}"),
    "nearby.bad_datum": (
        "未知坐标系“{datum}”：可用 wgs84、cgcs2000、gcj02、bd09",
        "Unknown datum “{datum}”: use wgs84, cgcs2000, gcj02 or bd09",
    ),
    "nearby.from": ("距 {lat}，{lon} 最近的排污口：", "Outfalls nearest to {lat}, {lon}:"),
    "nearby.from_fix": (
        "距接收机位置 {lat}，{lon}（±{accuracy} 米，{quality}，{satellites} 颗卫星）最近的排污口：",
        "Outfalls nearest to the receiver's position {lat}, {lon} (±{accuracy} m, {quality}, {satellites} satellites):",
    ),
    "nearby.none": ("附近没有排污口。", "No outfalls nearby."),
    # -- layers -------------------------------------------------------------------------
    "layer.kind.rivers": ("河流", "rivers"),
    "layer.kind.boundaries": ("行政区界", "boundaries"),
    "layer.kind.other": ("其他", "other"),
    "layer.imported": (
        "已导入图层“{name}”（{kind}）：{features} 个要素，{vertices} 个节点，原坐标系 {datum}",
        "Imported layer “{name}” ({kind}): {features} features, {vertices} vertices, from datum {datum}",
    ),
    "layer.checked": (
        "图层“{name}”（{kind}）可以导入：{features} 个要素，{vertices} 个节点，原坐标系 {datum}；未写入",
        "Layer “{name}” ({kind}) can be imported: {features} features, {vertices} vertices, from datum {datum}; nothing written",
    ),
    "layer.none": ("还没有图层。", "No layers yet."),
    "layer.removed": ("已删除图层“{name}”及其 {features} 个要素", "Removed layer “{name}” and its {features} features"),
    "layer.not_found": ("没有名为“{layer}”的图层", "No layer named “{layer}”"),
    "layer.unknown_format": (
        "{file}：不支持的文件类型，请用 .geojson、.json、.kml、.kmz 或 .shp",
        "{file}: not a file type this reads; use .geojson, .json, .kml, .kmz or .shp",
    ),
    "layer.missing": ("找不到文件 {file}", "File not found: {file}"),
    "layer.too_big": ("{file} 太大（上限 {limit} MB），未导入", "{file} is too large (limit {limit} MB); nothing imported"),
    "layer.unreadable": ("{file} 无法读取：{error}；未导入", "{file} cannot be read: {error}; nothing imported"),
    "layer.bad_feature": (
        "{file} 第 {feature} 个要素：{reason}；整个文件未导入",
        "{file}, feature {feature}: {reason}; nothing imported",
    ),
    "layer.empty": ("{file} 中没有任何要素；未导入", "{file} holds no features; nothing imported"),
    "layer.projected": (
        "{file} 的坐标是投影坐标（米），不是经纬度；请导出为经纬度（WGS-84 或 CGCS2000 地理坐标）后再导入",
        "{file} is in projected coordinates (metres), not latitude/longitude; export it as geographic WGS-84 or CGCS2000 first",
    ),
    "layer.unknown_datum": (
        "{file}：无法识别的坐标系“{datum}”；可用 --datum 指定 wgs84、cgcs2000、gcj02 或 bd09",
        "{file}: unknown datum “{datum}”; give --datum wgs84, cgcs2000, gcj02 or bd09",
    ),
    "layer.unknown_kind": (
        "未知图层类型“{kind}”：可用 rivers、boundaries、other",
        "Unknown layer kind “{kind}”: use rivers, boundaries or other",
    ),
    # -- GNSS ---------------------------------------------------------------------------
    "gnss.quality.none": ("未定位", "no fix"),
    "gnss.quality.gps": ("单点定位", "autonomous"),
    "gnss.quality.dgps": ("差分定位", "differential"),
    "gnss.quality.pps": ("精密定位", "precise (PPS)"),
    "gnss.quality.rtk_fixed": ("RTK 固定解", "RTK fixed"),
    "gnss.quality.rtk_float": ("RTK 浮点解", "RTK float"),
    "gnss.quality.estimated": ("推算（非实测）", "estimated (dead reckoning)"),
    "gnss.quality.manual": ("手工输入", "manual input"),
    "gnss.quality.simulated": ("模拟", "simulated"),
    "gnss.refused.no_fix": ("接收机尚未定位", "The receiver has no fix yet"),
    "gnss.refused.stale": (
        "定位已过时：{age} 秒前（超过 {limit} 秒的不用）",
        "The fix is stale: {age} s old (older than {limit} s is never used)",
    ),
    "gnss.refused.not_measured": (
        "这个位置不是实测定位（{quality}），不能作为证据",
        "This position is not a measurement ({quality}) and cannot be evidence",
    ),
    "gnss.refused.no_accuracy": (
        "接收机没有给出精度（无 HDOP、无 GST），无法判断定位质量",
        "The receiver gives no accuracy (no HDOP, no GST): the fix cannot be judged",
    ),
    "gnss.refused.poor": (
        "定位精度不够：±{accuracy} 米，要求 {limit} 米以内",
        "The fix is not accurate enough: ±{accuracy} m, {limit} m required",
    ),
    "gnss.usable": ("可用", "usable"),
    "gnss.refused": ("不使用接收机位置：{reason}", "The receiver's position is not used: {reason}"),
    "gnss.lost": ("接收机 {device} 已断开：{reason}", "Receiver {device} lost: {reason}"),
    "gnss.lost.cannot_open": ("无法打开", "cannot be opened"),
    "gnss.lost.unplugged": ("设备已拔出或不再响应", "unplugged or no longer answering"),
    "gnss.lost.silent": ("超过 3 秒没有数据", "no data for over 3 seconds"),
    "gnss.lost.gpsd_closed": ("gpsd 关闭了连接", "gpsd closed the connection"),
    "gnss.lost.log_ended": ("记录已放完", "the recording ended"),
    "gnss.no_such_source": (
        "没有“{source}”：请给出串口（COM3、/dev/ttyUSB0）、gpsd 或已有的 NMEA 记录文件",
        "No “{source}”: give a serial port (COM3, /dev/ttyUSB0), gpsd, or an existing NMEA log file",
    ),
    "gnss.no_fix_line": ("未定位（{satellites} 颗卫星）", "no fix ({satellites} satellites)"),
    "gnss.stats": (
        "合格语句 {sentences} 条，跳过 {skipped} 条（校验和错误 {bad}，格式错误 {malformed}）",
        "{sentences} sentences read, {skipped} skipped ({bad} bad checksums, {malformed} malformed)",
    ),
    "gnss.walk_written": ("已写入 {path}：{seconds} 秒的行走记录", "Wrote {path}: a walk of {seconds} seconds"),
}
